// API gateway: per-client token buckets live behind a std Mutex; request
// handlers run in spawned tasks and forward allowed requests upstream.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::time::{sleep, Duration};

struct Bucket {
    tokens: f64,
    last: Instant,
}

#[derive(Clone, Default)]
struct Limiter {
    buckets: Arc<Mutex<HashMap<String, Bucket>>>,
}

impl Limiter {
    async fn handle(&self, client: &str, path: &str) -> u16 {
        let allowed = {
            let mut buckets = self.buckets.lock().unwrap();
            let b = buckets
                .entry(client.to_string())
                .or_insert(Bucket { tokens: 3.0, last: Instant::now() });
            let refill = b.last.elapsed().as_secs_f64() * 2.0;
            b.tokens = (b.tokens + refill).min(3.0);
            b.last = Instant::now();
            if b.tokens >= 1.0 {
                b.tokens -= 1.0;
                true
            } else {
                false
            }
        };
        if !allowed {
            return 429;
        }
        sleep(Duration::from_millis(15)).await; // proxy to upstream
        if path.starts_with("/admin") { 403 } else { 200 }
    }
}

#[tokio::main]
async fn main() {
    let limiter = Limiter::default();
    let mut tasks = Vec::new();
    for i in 0..8 {
        let limiter = limiter.clone();
        let client = if i % 4 == 0 { "partner-b" } else { "scraper-a" };
        tasks.push(tokio::spawn(async move { (client, limiter.handle(client, "/v1/orders").await) }));
    }
    let mut limited = 0;
    for t in tasks {
        let (client, status) = t.await.unwrap();
        if status == 429 {
            limited += 1;
        }
        println!("{client}: {status}");
    }
    println!("{limited} requests rate-limited");
}
