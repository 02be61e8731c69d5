// corpus: run
use std::time::Duration;
use tokio::sync::mpsc;

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
    let mut batch = Vec::with_capacity(4);
    let mut flush = tokio::time::interval(Duration::from_millis(40));
    loop {
        tokio::select! {
            item = rx.recv() => match item {
                Some(v) => {
                    batch.push(v);
                    if batch.len() == 4 {
                        written.append(&mut batch);
                    }
                }
                None => {
                    written.append(&mut batch);
                    break;
                }
            },
            _ = flush.tick() => println!("periodic flush, {} written", written.len()),
        }
    }
    assert_eq!(written.len(), 20);
}

fn main() {}
