use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tokio::time::{interval, Duration};

fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut d = 2;
    while d * d <= n {
        if n % d == 0 {
            return false;
        }
        d += 1;
    }
    true
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let beats = Arc::new(AtomicU32::new(0));
    let b = Arc::clone(&beats);
    let heartbeat = tokio::spawn(async move {
        let mut every = interval(Duration::from_millis(20));
        loop {
            every.tick().await;
            b.fetch_add(1, Ordering::Relaxed);
        }
    });

    let mut found = 0;
    for n in 0..2_000_000u64 {
        if is_prime(n) {
            found += 1;
        }
        if n % 1_000 == 0 {
            tokio::task::yield_now().await; // let the heartbeat run
        }
    }
    heartbeat.abort();
    println!("{found} primes below 2000000, {} heartbeats meanwhile", beats.load(Ordering::Relaxed));
}
