// corpus: run
use std::time::Duration;
use tokio::sync::mpsc;

async fn next_batch(rx: &mut mpsc::Receiver<u32>, size: usize) -> Option<Vec<u32>> {
    let mut batch = Vec::with_capacity(size);
    while batch.len() < size {
        match rx.recv().await {
            Some(v) => batch.push(v),
            None if batch.is_empty() => return None,
            None => break,
        }
    }
    Some(batch)
}

#[tokio::test]
async fn every_metric_is_written() {
    let (tx, mut rx) = mpsc::channel(64);
    tokio::spawn(async move {
        for v in 0..20u32 {
            tx.send(v).await.unwrap();
            tokio::time::sleep(Duration::from_millis(15)).await;
        }
    });
    let mut written = Vec::new();
    let mut flush = tokio::time::interval(Duration::from_millis(40));
    loop {
        tokio::select! {
            batch = next_batch(&mut rx, 4) => match batch {
                Some(b) => written.extend(b),
                None => break,
            },
            _ = flush.tick() => println!("periodic flush, {} written", written.len()),
        }
    }
    assert_eq!(written.len(), 20);
}

fn main() {}
