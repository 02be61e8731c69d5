// corpus: run
// A metrics pusher: samples are pushed upstream every 5 of them; at closing
// time the pusher pushes what it still holds, then stops.
use tokio::sync::{mpsc, watch};

async fn push(upstream: &mut Vec<Vec<f64>>, batch: Vec<f64>) {
    tokio::task::yield_now().await;
    upstream.push(batch);
}

async fn pusher(mut samples: mpsc::Receiver<f64>, mut closing: watch::Receiver<bool>) -> Vec<Vec<f64>> {
    let mut upstream = Vec::new();
    let mut batch = Vec::new();
    loop {
        tokio::select! {
            biased;
            Some(sample) = samples.recv() => {
                batch.push(sample);
                if batch.len() == 5 {
                    push(&mut upstream, std::mem::take(&mut batch)).await;
                }
            }
            _ = closing.changed() => {
                if !batch.is_empty() {
                    push(&mut upstream, batch).await;
                }
                return upstream;
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(32);
    let (close, closing) = watch::channel(false);
    for n in 0..12 {
        tx.send(n as f64).await.unwrap();
    }
    let task = tokio::spawn(pusher(rx, closing));
    while tx.capacity() < 32 {
        tokio::task::yield_now().await;
    }
    close.send(true).unwrap();
    let upstream = task.await.unwrap();
    let pushed: usize = upstream.iter().map(Vec::len).sum();
    println!("{pushed} of 12 samples pushed");
    assert_eq!(pushed, 12, "samples taken in but never pushed");
}
