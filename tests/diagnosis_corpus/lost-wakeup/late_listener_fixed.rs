// corpus: run
// Readers wait for a config gate to open. A reader that finds it shut
// loads its defaults first, then listens for the opening.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

struct Gate {
    open: AtomicBool,
    notify: Notify,
}

async fn load_defaults() -> u32 {
    tokio::time::sleep(Duration::from_millis(30)).await;
    7
}

async fn reader(gate: Arc<Gate>, id: u32) -> u32 {
    let notify = &gate.notify;
    let ready = notify.notified();
    if !gate.open.load(Ordering::SeqCst) {
        let defaults = load_defaults().await;
        ready.await;
        return id + defaults;
    }
    id
}

#[tokio::main]
async fn main() {
    let gate = Arc::new(Gate {
        open: AtomicBool::new(false),
        notify: Notify::new(),
    });
    let readers: Vec<_> = (1..=3).map(|id| tokio::spawn(reader(gate.clone(), id))).collect();
    tokio::time::sleep(Duration::from_millis(10)).await;
    gate.open.store(true, Ordering::SeqCst);
    gate.notify.notify_waiters();
    for r in readers {
        println!("reader got {}", r.await.unwrap());
    }
}
