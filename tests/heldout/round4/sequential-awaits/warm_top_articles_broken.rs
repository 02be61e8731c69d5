// Cache warmer: load the top keys from the slow origin and keep the
// ones that exist, in rank order.
use futures::stream::{self, StreamExt};
use std::time::{Duration, Instant};

async fn load_from_origin(key: String) -> Option<(String, usize)> {
    tokio::time::sleep(Duration::from_millis(300)).await;
    if key.ends_with('7') {
        None // deleted upstream
    } else {
        Some((key.clone(), key.len() * 100))
    }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let top_keys: Vec<String> = (1..=12).map(|i| format!("article:{i}")).collect();
    let loaded: Vec<(String, usize)> = stream::iter(top_keys)
        .then(load_from_origin)
        .filter_map(|entry| async move { entry })
        .collect()
        .await;
    let bytes: usize = loaded.iter().map(|(_, b)| b).sum();
    println!("warmed {} keys ({bytes} bytes) in {:.1}s", loaded.len(), started.elapsed().as_secs_f32());
    println!("first: {:?}, last: {:?}", loaded.first(), loaded.last());
}
