// corpus: run
use std::time::{Duration, Instant};

fn count_primes(limit: u64) -> usize {
    let mut count = 0;
    for n in 2..limit {
        let mut is_prime = true;
        let mut d = 2;
        while d * d <= n {
            if n % d == 0 {
                is_prime = false;
                break;
            }
            d += 1;
        }
        if is_prime {
            count += 1;
        }
    }
    count
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let pinger = tokio::spawn(async move {
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            println!("ping at {:?}", started.elapsed());
        }
    });
    let primes = tokio::task::spawn_blocking(|| count_primes(3_000_000));
    println!("{} primes", primes.await.unwrap());
    pinger.await.unwrap();
}
