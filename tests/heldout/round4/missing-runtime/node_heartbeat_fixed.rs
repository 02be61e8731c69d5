// Leader election toy: a node starts its heartbeat loop; after a few beats
// the followers count the node's term as confirmed.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

struct Heartbeat {
    beats: Arc<AtomicU32>,
    task: JoinHandle<()>,
}

impl Heartbeat {
    fn start(node: &str, term: u32, count: u32) -> Heartbeat {
        let beats = Arc::new(AtomicU32::new(0));
        let b = beats.clone();
        let node = node.to_string();
        let task = tokio::spawn(async move {
            for _ in 0..count {
                tokio::time::sleep(Duration::from_millis(20)).await;
                b.fetch_add(1, Ordering::SeqCst);
                println!("{node}: heartbeat (term {term})");
            }
        });
        Heartbeat { beats, task }
    }
}

fn main() {
    let quorum = 3;
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let _guard = rt.enter();
    let hb = Heartbeat::start("node-a", 7, 4);
    let run = async move {
        hb.task.await.expect("heartbeat task");
        let beats = hb.beats.load(Ordering::SeqCst);
        if beats >= quorum {
            println!("term 7 confirmed after {beats} heartbeats");
        } else {
            println!("term 7 not confirmed ({beats} heartbeats)");
        }
    };
    rt.block_on(run);
}
