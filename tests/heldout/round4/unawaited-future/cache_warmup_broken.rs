// Cache warmer: before opening the service, preload the hottest keys from
// the (simulated) origin into the cache.
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::RwLock;

#[derive(Clone, Default)]
struct Cache {
    entries: Arc<RwLock<HashMap<String, String>>>,
}

impl Cache {
    async fn warm(&self, key: String) {
        // origin round trip
        tokio::time::sleep(Duration::from_millis(40)).await;
        let value = format!("payload-for-{key}");
        self.entries.write().await.insert(key, value);
    }

    async fn len(&self) -> usize {
        self.entries.read().await.len()
    }
}

async fn hot_keys() -> Vec<String> {
    (1..=6).map(|i| format!("product:{i}")).collect()
}

#[tokio::main]
async fn main() {
    let cache = Cache::default();
    let keys = hot_keys().await;

    let warmups: Vec<_> = keys.into_iter().map(|k| cache.warm(k)).collect();
    println!("warming {} keys", warmups.len());
    drop(warmups);

    let n = cache.len().await;
    println!("cache ready with {n} entries");
    let entries = cache.entries.read().await;
    match entries.get("product:3") {
        Some(v) => println!("product:3 -> {v}"),
        None => println!("product:3 -> MISS"),
    }
}
