// corpus: run
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

#[tokio::main]
async fn main() {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let (tx, mut rx) = mpsc::unbounded_channel::<u32>();
    let counter = in_flight.clone();
    tokio::spawn(async move {
        for event in 0..2000 {
            counter.fetch_add(1, Ordering::SeqCst);
            tx.send(event).unwrap();
        }
    });
    let mut worst = 0;
    while let Some(_event) = rx.recv().await {
        worst = worst.max(in_flight.fetch_sub(1, Ordering::SeqCst));
        tokio::time::sleep(Duration::from_micros(50)).await;
    }
    assert!(worst <= 100, "{worst} events piled up in the queue: nothing slowed the producer down");
}
