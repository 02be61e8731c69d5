use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

async fn deliver(hook: u32, in_flight: Arc<AtomicUsize>, peak: Arc<AtomicUsize>) {
    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    peak.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(5 + (hook % 3) as u64)).await;
    in_flight.fetch_sub(1, Ordering::SeqCst);
}

#[tokio::main]
async fn main() {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for hook in 0..20_000u32 {
        handles.push(tokio::spawn(deliver(hook, in_flight.clone(), peak.clone())));
    }
    for h in handles {
        h.await.unwrap();
    }
    println!("delivered 20000 webhooks, peak concurrency {}", peak.load(Ordering::SeqCst));
}
