use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tokio::time::{interval, Duration};

// min-hash over 8-byte shingles, for near-duplicate detection
fn fingerprint(text: &str) -> u64 {
    let mut min = u64::MAX;
    for shingle in text.as_bytes().windows(8) {
        let mut hash: u64 = 0xcbf29ce484222325;
        for b in shingle {
            hash ^= *b as u64;
            hash = hash.wrapping_mul(0x100000001b3);
        }
        min = min.min(hash);
    }
    min
}

async fn index_documents(docs: Vec<String>) -> HashMap<usize, u64> {
    let mut index = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        index.insert(i, fingerprint(doc));
        // be nice to the other tasks
        std::thread::yield_now();
    }
    index
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let pings = Arc::new(AtomicU32::new(0));
    let sent = Arc::clone(&pings);
    let keepalive = tokio::spawn(async move {
        let mut every = interval(Duration::from_millis(20));
        loop {
            every.tick().await;
            sent.fetch_add(1, Ordering::Relaxed);
        }
    });

    let docs: Vec<String> = (0..300).map(|i| format!("document {i} ").repeat(4000)).collect();
    let index = index_documents(docs).await;
    keepalive.abort();

    let pings = pings.load(Ordering::Relaxed);
    println!("indexed {} documents, sent {pings} keepalive pings meanwhile", index.len());
    assert!(pings >= 10, "keepalive stalled while indexing; the session would time out");
}
