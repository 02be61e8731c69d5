// Pub/sub bus: every event published on the "orders" topic is delivered
// to the subscriber's webhook (a local mock that takes 20 ms per call and
// answers 503 when more than 250 calls are open at once).
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, Semaphore};

struct Stats {
    in_flight: AtomicUsize,
    peak: AtomicUsize,
    delivered: AtomicUsize,
    rejected: AtomicUsize,
}

async fn deliver_webhook(stats: &Stats, event: String) {
    let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    stats.peak.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(20)).await; // POST to the mock endpoint
    let status = if now > 250 { 503 } else { 200 };
    stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    if status == 200 {
        stats.delivered.fetch_add(1, Ordering::SeqCst);
    } else {
        stats.rejected.fetch_add(1, Ordering::SeqCst);
        let _ = event; // dropped: the subscriber never sees it
    }
}

#[tokio::main]
async fn main() {
    let stats = Arc::new(Stats {
        in_flight: AtomicUsize::new(0),
        peak: AtomicUsize::new(0),
        delivered: AtomicUsize::new(0),
        rejected: AtomicUsize::new(0),
    });
    let (tx, mut rx) = mpsc::channel::<String>(64);
    tokio::spawn(async move {
        for id in 0..2000 {
            tx.send(format!("order #{id} paid")).await.unwrap();
        }
    });

    let mut deliveries = tokio::task::JoinSet::new();
    let limit = Arc::new(Semaphore::new(100));
    while let Some(event) = rx.recv().await {
        let stats = stats.clone();
        let permit = limit.clone().acquire_owned().await.unwrap();
        deliveries.spawn(async move {
            deliver_webhook(&stats, event).await;
            drop(permit);
        });
    }
    while let Some(r) = deliveries.join_next().await {
        r.unwrap();
    }
    println!(
        "delivered {} events, {} rejected with 503, peak concurrent webhook calls: {}",
        stats.delivered.load(Ordering::SeqCst),
        stats.rejected.load(Ordering::SeqCst),
        stats.peak.load(Ordering::SeqCst)
    );
}
