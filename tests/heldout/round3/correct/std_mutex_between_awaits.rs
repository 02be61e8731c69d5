use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::time::{sleep, Duration};

#[derive(Clone, Default)]
struct Metrics {
    counters: Arc<Mutex<HashMap<&'static str, u64>>>,
}

impl Metrics {
    fn incr(&self, name: &'static str) {
        *self.counters.lock().unwrap().entry(name).or_default() += 1;
    }
}

async fn handle(metrics: Metrics, id: u32) {
    metrics.incr("requests");
    sleep(Duration::from_millis(10)).await; // talk to the backend
    {
        let mut counters = metrics.counters.lock().unwrap();
        let key = if id % 3 == 0 { "errors" } else { "ok" };
        *counters.entry(key).or_default() += 1;
    }
    sleep(Duration::from_millis(5)).await; // write the response
    metrics.incr("responses");
}

#[tokio::main]
async fn main() {
    let metrics = Metrics::default();
    let handles: Vec<_> = (0..12).map(|id| tokio::spawn(handle(metrics.clone(), id))).collect();
    for h in handles {
        h.await.unwrap();
    }
    let counters = metrics.counters.lock().unwrap();
    let mut names: Vec<_> = counters.iter().collect();
    names.sort();
    println!("{names:?}");
}
