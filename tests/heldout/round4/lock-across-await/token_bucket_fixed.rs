// Rate-limited API client: several workers share one token bucket; a
// worker without a token waits for the next refill before calling the mock.
use std::sync::Arc;
use tokio::sync::Mutex;
use std::time::{Duration, Instant};

struct Bucket {
    tokens: u32,
    capacity: u32,
    last_refill: Instant,
}

struct Limiter {
    bucket: Mutex<Bucket>,
    period: Duration,
}

impl Limiter {
    async fn acquire(&self) {
        let mut b = self.bucket.lock().await;
        if b.tokens == 0 {
            let next = b.last_refill + self.period;
            tokio::time::sleep_until(next.into()).await;
            b.tokens = b.capacity;
            b.last_refill = Instant::now();
        }
        b.tokens -= 1;
    }
}

async fn call_api(worker: usize, req: usize) -> String {
    tokio::time::sleep(Duration::from_millis(5)).await;
    format!("worker {worker} req {req}: 200")
}

#[tokio::main]
async fn main() {
    let limiter = Arc::new(Limiter {
        bucket: Mutex::new(Bucket { tokens: 3, capacity: 3, last_refill: Instant::now() }),
        period: Duration::from_millis(100),
    });
    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..3 {
        let limiter = limiter.clone();
        workers.push(tokio::spawn(async move {
            let mut log = Vec::new();
            for req in 0..3 {
                limiter.acquire().await;
                log.push(call_api(w, req).await);
            }
            log
        }));
    }
    let mut total = 0;
    for w in workers {
        total += w.await.unwrap().len();
    }
    println!("{total} calls in {} ms (3 per 100 ms allowed)", started.elapsed().as_millis());
}
