// Media transcoder queue: before queueing a thumbnail job, fingerprint the
// uploaded frame on the blocking pool so duplicates can be skipped.
use std::collections::HashSet;

fn fingerprint(frame: &[u8]) -> u64 {
    frame.iter().enumerate().fold(1469598103934665603u64, |h, (i, b)| {
        (h ^ (*b as u64 + i as u64 % 7)).wrapping_mul(1099511628211)
    })
}

async fn enqueue(seen: &mut HashSet<u64>, name: &str, frame: Vec<u8>) -> bool {
    let fp = tokio::task::spawn_blocking(|| fingerprint(&frame)).await.unwrap();
    if !seen.insert(fp) {
        println!("{name}: duplicate of an earlier upload, skipped");
        return false;
    }
    println!("{name}: queued ({} bytes, fp {fp:016x})", frame.len());
    true
}

#[tokio::main]
async fn main() {
    let mut seen = HashSet::new();
    let uploads = [
        ("cat.png", vec![7u8; 4096]),
        ("dog.png", vec![9u8; 4096]),
        ("cat-copy.png", vec![7u8; 4096]),
    ];
    let mut queued = 0;
    for (name, frame) in uploads {
        if enqueue(&mut seen, name, frame).await {
            queued += 1;
        }
    }
    println!("{queued} thumbnail jobs queued");
}
