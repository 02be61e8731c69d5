use std::time::Instant;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{interval, Duration};

struct Stats {
    median: f64,
    p99: f64,
}

fn compute_stats(mut trades: Vec<f64>) -> Stats {
    trades.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| trades[((trades.len() - 1) as f64 * q) as usize];
    Stats { median: at(0.5), p99: at(0.99) }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let heartbeat = tokio::spawn(async {
        let mut every = interval(Duration::from_millis(50));
        let mut last = Instant::now();
        let mut worst = Duration::ZERO;
        for _ in 0..30 {
            every.tick().await;
            worst = worst.max(last.elapsed());
            last = Instant::now();
        }
        worst
    });

    let (tx, mut rx) = mpsc::channel::<Vec<f64>>(4);
    let (stop_tx, mut stop_rx) = oneshot::channel::<()>();
    tokio::spawn(async move {
        for batch in 0..3u64 {
            let trades = tokio::task::spawn_blocking(move || {
                (0..2_000_000u64).map(|i| ((i * 7919 + batch * 31) % 100_003) as f64 / 100.0).collect()
            })
            .await
            .unwrap();
            tx.send(trades).await.unwrap();
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = stop_tx.send(());
    });

    loop {
        tokio::select! {
            Some(batch) = rx.recv() => {
                let stats = compute_stats(batch);
                println!("median {:.2}  p99 {:.2}", stats.median, stats.p99);
            }
            _ = &mut stop_rx => break,
        }
    }
    let worst = heartbeat.await.unwrap();
    println!("longest gap between heartbeats: {worst:?}");
    assert!(worst < Duration::from_millis(200), "heartbeats were late; the exchange would drop us");
}
