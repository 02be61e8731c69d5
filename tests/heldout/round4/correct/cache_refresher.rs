// Cache warmer: the refresher runs as a detached background task (its
// JoinHandle is dropped on purpose); main waits for its "first pass done"
// signal, then serves a few lookups before shutting down.
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::oneshot;

#[tokio::main]
async fn main() {
    let cache: Arc<RwLock<HashMap<String, u32>>> = Arc::new(RwLock::new(HashMap::new()));
    let (warm_tx, warm_rx) = oneshot::channel::<usize>();

    let c = cache.clone();
    drop(tokio::spawn(async move {
        let mut warm_tx = Some(warm_tx);
        for pass in 1.. {
            for sku in 0..8 {
                tokio::time::sleep(Duration::from_millis(2)).await; // origin fetch
                c.write().unwrap().insert(format!("sku-{sku}"), sku * 100 + pass);
            }
            if let Some(tx) = warm_tx.take() {
                let _ = tx.send(c.read().unwrap().len());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }));

    let warmed = warm_rx.await.expect("refresher died before warming");
    println!("cache warm with {warmed} entries");
    for sku in ["sku-3", "sku-7", "sku-9"] {
        match cache.read().unwrap().get(sku) {
            Some(price) => println!("{sku}: {price}"),
            None => println!("{sku}: not cached"),
        }
    }
}
