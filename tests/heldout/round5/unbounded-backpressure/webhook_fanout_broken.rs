use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Default)]
struct Conns {
    open: AtomicUsize,
    peak: AtomicUsize,
}

async fn deliver_webhook(event: u32, conns: Arc<Conns>) -> bool {
    let now = conns.open.fetch_add(1, Ordering::SeqCst) + 1;
    conns.peak.fetch_max(now, Ordering::SeqCst);
    // HTTPS POST to the customer's endpoint
    tokio::time::sleep(Duration::from_millis(10)).await;
    conns.open.fetch_sub(1, Ordering::SeqCst);
    event % 97 != 0
}

#[tokio::main]
async fn main() {
    let conns = Arc::new(Conns::default());
    let events = 5_000u32;
    let started = Instant::now();

    let mut deliveries = Vec::with_capacity(events as usize);
    for event in 0..events {
        let conns = conns.clone();
        deliveries.push(tokio::spawn(async move { deliver_webhook(event, conns).await }));
    }

    let mut ok = 0;
    for d in deliveries {
        if d.await.unwrap() {
            ok += 1;
        }
    }
    println!(
        "{ok}/{events} webhooks acknowledged in {:?}; peak open connections: {}",
        started.elapsed(),
        conns.peak.load(Ordering::SeqCst)
    );
}
