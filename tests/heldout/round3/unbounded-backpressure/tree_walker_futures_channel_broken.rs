use futures::channel::mpsc;
use futures::StreamExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn fake_tree(depth: usize, fanout: usize, prefix: String, out: &mut Vec<String>) {
    out.push(prefix.clone());
    if depth > 0 {
        for i in 0..fanout {
            fake_tree(depth - 1, fanout, format!("{prefix}/d{i}"), out);
        }
    }
}

fn checksum(path: &str) -> u32 {
    path.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
}

#[tokio::main]
async fn main() {
    let queued = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (tx, mut rx) = mpsc::unbounded::<String>();

    let hashed = Arc::clone(&queued);
    let hasher = tokio::spawn(async move {
        let mut combined = 0u32;
        while let Some(path) = rx.next().await {
            hashed.fetch_sub(1, Ordering::Relaxed);
            combined ^= checksum(&path);
            tokio::task::yield_now().await; // reading the file takes a while
        }
        combined
    });

    let mut paths = Vec::new();
    fake_tree(5, 7, "/data".to_string(), &mut paths);
    for path in paths {
        let now = queued.fetch_add(1, Ordering::Relaxed) + 1;
        peak.fetch_max(now, Ordering::Relaxed);
        tx.unbounded_send(path).unwrap();
    }
    drop(tx);

    let combined = hasher.await.unwrap();
    println!("tree checksum {combined:08x}; up to {} paths waited in the queue", peak.load(Ordering::Relaxed));
}
