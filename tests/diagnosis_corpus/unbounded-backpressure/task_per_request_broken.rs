// corpus: run
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

async fn handle(req: u32, running: Arc<AtomicUsize>, peak: Arc<AtomicUsize>) -> u32 {
    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
    peak.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(2)).await;
    running.fetch_sub(1, Ordering::SeqCst);
    req
}

#[tokio::main]
async fn main() {
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for req in 0..5000 {
        handles.push(tokio::spawn(handle(req, running.clone(), peak.clone())));
    }
    for h in handles {
        h.await.unwrap();
    }
    let peak = peak.load(Ordering::SeqCst);
    assert!(peak <= 32, "{peak} requests were handled at once: nothing limits how many run at a time");
}
