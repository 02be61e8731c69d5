use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::time::MissedTickBehavior;

const FRAMES: usize = 48;

fn encode_frame(frame: usize) -> u64 {
    let mut acc = frame as u64 + 1;
    for px in 0..6_000_000u64 {
        acc = acc
            .wrapping_mul(6364136223846793005)
            .wrapping_add(px ^ (acc >> 33));
    }
    acc
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let done = Arc::new(AtomicUsize::new(0));
    let updates = Arc::new(AtomicUsize::new(0));

    let progress = {
        let done = done.clone();
        let updates = updates.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_millis(50));
            every.set_missed_tick_behavior(MissedTickBehavior::Skip);
            loop {
                every.tick().await;
                updates.fetch_add(1, Ordering::SeqCst);
                println!("progress: {}/{FRAMES} frames", done.load(Ordering::SeqCst));
            }
        })
    };

    let started = Instant::now();
    let encoder = {
        let done = done.clone();
        tokio::task::spawn_blocking(move || {
            let mut checksum = 0u64;
            for f in 0..FRAMES {
                checksum ^= encode_frame(f);
                done.fetch_add(1, Ordering::SeqCst);
            }
            checksum
        })
    };

    let checksum = encoder.await.unwrap();
    println!(
        "encoded {FRAMES} frames in {:?} (checksum {checksum:016x}), progress updates shown: {}",
        started.elapsed(),
        updates.load(Ordering::SeqCst)
    );
    progress.abort();
}
