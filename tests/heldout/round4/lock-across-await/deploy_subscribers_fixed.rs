// Pub/sub bus on a single thread: one task delivers published messages
// to the current subscribers of a topic, another registers subscribers as
// they connect.
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

type Subs = Rc<RefCell<HashMap<&'static str, Vec<String>>>>;

async fn deliver(subs: Subs, topic: &'static str, msg: &str) -> usize {
    let list = subs.borrow().get(topic).cloned();
    let mut n = 0;
    if let Some(list) = list {
        for s in list {
            tokio::time::sleep(Duration::from_millis(10)).await;
            println!("  -> {s}: [{topic}] {msg}");
            n += 1;
        }
    }
    n
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let local = tokio::task::LocalSet::new();
    let subs: Subs = Rc::new(RefCell::new(HashMap::new()));
    subs.borrow_mut().insert("deploys", vec!["ops-bot".into(), "pager".into()]);

    local.block_on(&rt, async move {
        let s = subs.clone();
        let joiner = tokio::task::spawn_local(async move {
            for name in ["dashboard", "audit-log"] {
                tokio::time::sleep(Duration::from_millis(15)).await;
                s.borrow_mut().entry("deploys").or_default().push(name.to_string());
                println!("{name} subscribed");
            }
        });
        let mut delivered = 0;
        for msg in ["api v42 rolled out", "web v17 rolled out"] {
            delivered += deliver(subs.clone(), "deploys", msg).await;
        }
        joiner.await.unwrap();
        println!("delivered {delivered} messages, {} subscribers now", subs.borrow()["deploys"].len());
    });
}
