use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Default)]
struct Backlog {
    queued: AtomicUsize,
    peak: AtomicUsize,
}

/// Tails `lines` log lines into the indexer; returns (lines stored, peak backlog).
async fn ingest(lines: usize) -> (usize, usize) {
    let backlog = Arc::new(Backlog::default());
    let (tx, mut rx) = mpsc::channel::<String>(256);

    let tail = {
        let backlog = backlog.clone();
        tokio::spawn(async move {
            for i in 0..lines {
                let now = backlog.queued.fetch_add(1, Ordering::SeqCst) + 1;
                backlog.peak.fetch_max(now, Ordering::SeqCst);
                tx.send(format!("2026-12-01T10:{:02}:{:02} GET /item/{i} 200", i / 60 % 60, i % 60))
                    .await
                    .unwrap();
            }
        })
    };

    let indexer = {
        let backlog = backlog.clone();
        tokio::spawn(async move {
            let mut stored = 0;
            while let Some(line) = rx.recv().await {
                backlog.queued.fetch_sub(1, Ordering::SeqCst);
                if stored % 100 == 0 {
                    // flush a segment to disk
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
                stored += 1;
                drop(line);
            }
            stored
        })
    };

    tail.await.unwrap();
    let stored = indexer.await.unwrap();
    (stored, backlog.peak.load(Ordering::SeqCst))
}

#[tokio::main]
async fn main() {
    let (stored, peak) = ingest(50_000).await;
    println!("indexed {stored} lines; peak backlog in memory: {peak} lines");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn backlog_stays_bounded() {
        let (stored, peak) = ingest(5_000).await;
        assert_eq!(stored, 5_000);
        assert!(peak <= 512, "backlog grew to {peak} lines");
    }
}
