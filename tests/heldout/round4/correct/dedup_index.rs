// Crawler: after a crawl, build the duplicate-content index by hashing
// every page body, giving the loop a turn every 2000 pages so that the
// crawl's heartbeat keeps ticking on this single-threaded runtime.
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn body_hash(body: &str) -> u64 {
    body.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

async fn build_index(pages: &[String]) -> HashMap<u64, usize> {
    let mut index = HashMap::new();
    for (i, body) in pages.iter().enumerate() {
        *index.entry(body_hash(body)).or_insert(0) += 1;
        if i % 2000 == 0 {
            tokio::task::yield_now().await;
        }
    }
    index
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let pages: Vec<String> = (0..120_000)
        .map(|i| format!("<html><body>product {} in stock</body></html>", i % 30_000))
        .collect();
    let beats = Arc::new(AtomicU32::new(0));
    let b = beats.clone();
    let heartbeat = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(20)).await;
            b.fetch_add(1, Ordering::Relaxed);
        }
    });

    let index = build_index(&pages).await;
    heartbeat.abort();

    let duplicated = index.values().filter(|&&n| n > 1).count();
    println!("{} distinct bodies, {duplicated} duplicated", index.len());
    println!("heartbeats sent during indexing: {}", beats.load(Ordering::Relaxed));
}
