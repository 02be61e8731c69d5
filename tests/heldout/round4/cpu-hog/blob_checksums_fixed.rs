// Cache warmer: checksum every blob before it is admitted to the cache,
// while the lease on the cache shard must be renewed every 50 ms (the
// lease is lost after 150 ms without renewal).
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for b in data {
        crc ^= *b as u32;
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

async fn admit_blobs(blobs: Vec<Vec<u8>>) -> u64 {
    let mut combined = 0u64;
    for blob in &blobs {
        combined = combined.rotate_left(5) ^ crc32(blob) as u64;
        tokio::task::yield_now().await;
    }
    combined
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let worst_gap_ms = Arc::new(AtomicU64::new(0));
    let w = worst_gap_ms.clone();
    let lease = tokio::spawn(async move {
        let mut last = Instant::now();
        loop {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let gap = last.elapsed().as_millis() as u64;
            w.fetch_max(gap, Ordering::SeqCst);
            last = Instant::now();
        }
    });
    tokio::time::sleep(Duration::from_millis(120)).await;

    let blobs: Vec<Vec<u8>> = (0..80).map(|i| vec![(i % 251) as u8; 256 * 1024]).collect();
    let warmer = tokio::spawn(admit_blobs(blobs));
    let checksum = warmer.await.unwrap();
    tokio::time::sleep(Duration::from_millis(120)).await;
    lease.abort();

    let gap = worst_gap_ms.load(Ordering::SeqCst);
    println!("combined checksum {checksum:016x}");
    if gap > 150 {
        println!("LEASE LOST: no renewal for {gap} ms");
    } else {
        println!("lease held (worst renewal gap {gap} ms)");
    }
}
