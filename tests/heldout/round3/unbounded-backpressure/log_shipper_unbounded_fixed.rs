use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

const LINES: usize = 50_000;

async fn ship(batch: &[String]) {
    // one HTTP POST to the log collector per 500 lines
    let _bytes: usize = batch.iter().map(|l| l.len()).sum();
    sleep(Duration::from_millis(2)).await;
}

#[tokio::main]
async fn main() {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (tx, mut rx) = mpsc::channel::<String>(1000);

    let counter = Arc::clone(&in_flight);
    let shipper = tokio::spawn(async move {
        let mut batch = Vec::with_capacity(500);
        while let Some(line) = rx.recv().await {
            counter.fetch_sub(1, Ordering::Relaxed);
            batch.push(line);
            if batch.len() == 500 {
                ship(&batch).await;
                batch.clear();
            }
        }
        ship(&batch).await;
    });

    for i in 0..LINES {
        let line = format!("2024-06-01T12:00:00Z level=info req={i} path=/api/items status=200");
        let now = in_flight.fetch_add(1, Ordering::Relaxed) + 1;
        peak.fetch_max(now, Ordering::Relaxed);
        tx.send(line).await.unwrap();
    }
    drop(tx);
    shipper.await.unwrap();
    println!("shipped {LINES} lines; peak backlog {} lines in memory", peak.load(Ordering::Relaxed));
}
