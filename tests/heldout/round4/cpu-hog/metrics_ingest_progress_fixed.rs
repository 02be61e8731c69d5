// Metrics aggregator: ingest a big batch of "name value" lines into
// per-metric sums, while a status task publishes ingest progress every
// 50 ms for the dashboard.
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn parse_batch(text: &str, progress: &AtomicUsize) -> HashMap<String, f64> {
    let mut sums = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some((name, value)) = line.split_once(' ') else { continue };
        if let Ok(v) = value.parse::<f64>() {
            *sums.entry(name.to_string()).or_insert(0.0) += v;
        }
        if i % 1000 == 0 {
            progress.store(i, Ordering::Relaxed);
        }
    }
    sums
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let names = ["http.requests", "http.errors", "db.queries", "cache.hits"];
    let text: String = (0..600_000)
        .map(|i| format!("{} {}.{}\n", names[i % 4], i % 97, i % 10))
        .collect();
    let progress = Arc::new(AtomicUsize::new(0));

    let p = progress.clone();
    let status = tokio::spawn(async move {
        let mut published = Vec::new();
        loop {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let n = p.load(Ordering::Relaxed);
            published.push(n);
            if n >= 599_000 {
                return published;
            }
        }
    });

    let p = progress.clone();
    let sums = tokio::task::spawn_blocking(move || parse_batch(&text, &p)).await.unwrap();
    let published = status.await.unwrap();

    let mut keys: Vec<_> = sums.keys().collect();
    keys.sort();
    for k in keys {
        println!("{k}: {:.1}", sums[k]);
    }
    println!("dashboard got {} progress updates: {:?}", published.len(), published);
}
