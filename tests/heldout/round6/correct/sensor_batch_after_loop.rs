use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

#[derive(Debug, Clone, Copy)]
struct Reading {
    sensor: u16,
    celsius: f32,
}

type Store = Arc<Mutex<Vec<Reading>>>;

async fn insert_batch(store: &Store, batch: &[Reading]) {
    tokio::task::yield_now().await;
    store.lock().unwrap().extend_from_slice(batch);
}

/// Batches readings into groups of 25; whatever is left when the channel
/// closes is written after the loop.
async fn ingest(store: Store, mut rx: mpsc::Receiver<Reading>) {
    let mut batch: Vec<Reading> = Vec::with_capacity(25);
    while let Some(r) = rx.recv().await {
        batch.push(r);
        if batch.len() == 25 {
            insert_batch(&store, &batch).await;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        insert_batch(&store, &batch).await;
    }
}

#[tokio::main]
async fn main() {
    let store: Store = Arc::default();
    let (tx, rx) = mpsc::channel(16);
    let task = tokio::spawn(ingest(store.clone(), rx));
    for i in 0..63u16 {
        tx.send(Reading { sensor: i % 4, celsius: 20.0 + i as f32 / 10.0 }).await.unwrap();
    }
    drop(tx);
    task.await.unwrap();
    let stored = store.lock().unwrap();
    let avg: f32 = stored.iter().map(|r| r.celsius).sum::<f32>() / stored.len() as f32;
    let sensors = stored.iter().map(|r| r.sensor).max().unwrap_or(0) + 1;
    println!("readings stored: {} of 63 (avg {avg:.2}C, {sensors} sensors)", stored.len());
}
