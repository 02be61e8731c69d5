use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

async fn load_from_db(key: &str) -> String {
    tokio::time::sleep(Duration::from_millis(10)).await;
    format!("row<{key}>")
}

#[derive(Clone, Default)]
struct Cache {
    inner: Arc<RwLock<HashMap<String, String>>>,
}

impl Cache {
    async fn warm(&self, key: &str) {
        let value = load_from_db(key).await;
        self.inner.write().unwrap().insert(key.to_string(), value);
    }

    fn get(&self, key: &str) -> Option<String> {
        self.inner.read().unwrap().get(key).cloned()
    }
}

#[tokio::main]
async fn main() {
    let cache = Cache::default();
    let hot_keys = ["user:1", "user:2", "settings", "catalog"];
    for key in hot_keys {
        cache.warm(key).await;
    }
    println!("cache warmed with {} hot keys", hot_keys.len());

    let (mut hits, mut misses) = (0, 0);
    for key in ["user:1", "catalog", "user:3", "settings"] {
        match cache.get(key) {
            Some(v) => {
                hits += 1;
                println!("hit  {key} -> {v}");
            }
            None => {
                misses += 1;
                println!("miss {key}");
            }
        }
    }
    println!("hits={hits} misses={misses}");
}
