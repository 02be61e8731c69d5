// corpus: run
// A backup task checksums a large buffer while a status task should report
// progress every few milliseconds.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;

async fn checksum(data: Vec<u8>) -> u32 {
    let (tx, rx) = oneshot::channel();
    std::thread::spawn(move || {
        let mut sum = 2_166_136_261u32;
        for _round in 0..150 {
            for b in &data {
                sum = (sum ^ u32::from(*b)).wrapping_mul(16_777_619);
            }
        }
        let _ = tx.send(sum);
    });
    rx.await
        .expect("the checksum thread ended without an answer")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let reports = Arc::new(AtomicU32::new(0));
    let r = reports.clone();
    let status = tokio::spawn(async move {
        loop {
            r.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    tokio::task::yield_now().await;
    let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
    let before = reports.load(Ordering::SeqCst);
    let sum = checksum(data).await;
    let during = reports.load(Ordering::SeqCst) - before;
    status.abort();
    println!("checksum {sum:08x}");
    assert!(
        during > 2,
        "the status task reported {during} times during the checksum: it was starved"
    );
}
