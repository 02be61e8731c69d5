// corpus: run
// The audit "gives the others a turn" with the thread's yield: the task
// keeps the loop's only thread, so the ticker never runs meanwhile.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

async fn audit(limit: u64) -> u64 {
    let mut sum = 0u64;
    for i in 0..limit {
        sum = sum.wrapping_mul(31).wrapping_add(i ^ (i >> 3));
        if i % 100_000 == 0 {
            std::thread::yield_now();
        }
    }
    sum
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ticks = Arc::new(AtomicU32::new(0));
    let t = ticks.clone();
    let ticker = tokio::spawn(async move {
        loop {
            t.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    tokio::task::yield_now().await;
    let before = ticks.load(Ordering::SeqCst);
    let sum = audit(30_000_000).await;
    let during = ticks.load(Ordering::SeqCst) - before;
    ticker.abort();
    println!("audit {sum}");
    assert!(during > 2, "the ticker ticked {during} times while the audit ran: it was starved");
}
