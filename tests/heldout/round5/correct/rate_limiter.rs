use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct Limiter {
    per_client: Mutex<HashMap<String, u32>>,
    max_per_window: u32,
}

async fn handle_request(limiter: Arc<Limiter>, client: String, req: u32) -> bool {
    let allowed = {
        let mut counts = limiter.per_client.lock().unwrap();
        let n = counts.entry(client.clone()).or_insert(0);
        *n += 1;
        *n <= limiter.max_per_window
    }; // guard released before any await

    if allowed {
        tokio::time::sleep(Duration::from_millis(5)).await; // upstream call
        println!("{client} req {req}: served");
    } else {
        println!("{client} req {req}: 429 Too Many Requests");
    }
    allowed
}

#[tokio::main]
async fn main() {
    let limiter = Arc::new(Limiter { per_client: Mutex::new(HashMap::new()), max_per_window: 3 });
    let mut handles = Vec::new();
    for req in 0..10u32 {
        let client = if req % 3 == 0 { "scraper-bot" } else { "mobile-app" };
        handles.push(tokio::spawn(handle_request(limiter.clone(), client.to_string(), req)));
    }
    let mut served = 0;
    for h in handles {
        if h.await.unwrap() {
            served += 1;
        }
    }
    println!("{served} of 10 requests served");
}
