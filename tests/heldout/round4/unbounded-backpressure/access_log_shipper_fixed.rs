// Log tailer: the tailer reads access-log lines as fast as the disk allows
// and hands them to the shipper, which sends them to the collector in
// batches of 100 (1 ms per batch).
use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[tokio::main]
async fn main() {
    let queued = Arc::new(AtomicUsize::new(0));
    let (mut tx, mut rx) = mpsc::channel::<String>(256);

    let q = queued.clone();
    let tailer = tokio::spawn(async move {
        let mut peak = 0;
        for i in 0..30_000 {
            let line = format!("10.0.0.{} GET /api/items/{} 200 {}ms", i % 250, i % 977, i % 40);
            tx.send(line).await.unwrap();
            peak = peak.max(q.fetch_add(1, Ordering::SeqCst) + 1);
            if i % 64 == 0 {
                tokio::task::yield_now().await;
            }
        }
        peak
    });

    let shipper = tokio::spawn(async move {
        let (mut shipped, mut bytes, mut batch) = (0usize, 0usize, 0usize);
        while let Some(line) = rx.next().await {
            queued.fetch_sub(1, Ordering::SeqCst);
            bytes += line.len();
            shipped += 1;
            batch += 1;
            if batch == 100 {
                tokio::time::sleep(Duration::from_millis(1)).await; // send batch
                batch = 0;
            }
        }
        (shipped, bytes)
    });

    let peak = tailer.await.unwrap();
    let (shipped, bytes) = shipper.await.unwrap();
    println!("shipped {shipped} lines ({bytes} bytes)");
    println!("peak lines waiting in memory: {peak}");
}
