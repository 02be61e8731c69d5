use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::oneshot;

type Cache = Arc<RwLock<HashMap<String, String>>>;

fn start_warmer(cache: Cache, keys: Vec<&'static str>) -> oneshot::Receiver<usize> {
    let (done_tx, done_rx) = oneshot::channel();
    // fire and forget: completion is reported through the oneshot instead of the JoinHandle
    tokio::spawn(async move {
        let mut loaded = 0;
        for key in keys {
            tokio::time::sleep(Duration::from_millis(8)).await; // database read
            cache.write().unwrap().insert(key.to_string(), format!("value-of-{key}"));
            loaded += 1;
        }
        let _ = done_tx.send(loaded);
    });
    done_rx
}

#[tokio::main]
async fn main() {
    let cache: Cache = Arc::default();
    let warmed = start_warmer(cache.clone(), vec!["home", "pricing", "faq", "blog", "login"]);

    println!("server booting while the cache warms...");
    let loaded = warmed.await.expect("warmer task died");
    println!("cache ready with {loaded} entries, accepting traffic");
    println!("faq -> {}", cache.read().unwrap()["faq"]);
}
