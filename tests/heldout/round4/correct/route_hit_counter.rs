// Metrics aggregator: request handlers record per-route hit counts in a
// std Mutex, locking only for the update itself, between their awaits.
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn handle(route: &'static str, latency_ms: u64, hits: Arc<Mutex<BTreeMap<&'static str, (u32, u64)>>>) {
    tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    {
        let mut h = hits.lock().unwrap();
        let entry = h.entry(route).or_insert((0, 0));
        entry.0 += 1;
        entry.1 += latency_ms;
    }
    tokio::time::sleep(Duration::from_millis(2)).await; // write the response
    hits.lock().unwrap().entry("_responses").or_insert((0, 0)).0 += 1;
}

#[tokio::main]
async fn main() {
    let hits = Arc::new(Mutex::new(BTreeMap::new()));
    let requests = [("/", 5), ("/login", 12), ("/", 3), ("/cart", 20), ("/login", 8), ("/", 4)];
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|(route, ms)| tokio::spawn(handle(route, ms, hits.clone())))
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    for (route, (n, total_ms)) in hits.lock().unwrap().iter() {
        if *route == "_responses" {
            println!("{n} responses written");
        } else {
            println!("{route}: {n} hits, avg {} ms", total_ms / *n as u64);
        }
    }
}
