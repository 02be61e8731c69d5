use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tokio::time::{sleep, Duration};

#[derive(Clone, Default)]
struct PriceCache {
    prices: Arc<RwLock<HashMap<String, f64>>>,
}

async fn fetch_from_exchange(symbol: &str) -> f64 {
    sleep(Duration::from_millis(20)).await;
    symbol.bytes().map(|b| b as f64).sum::<f64>() / 10.0
}

impl PriceCache {
    async fn refresh(&self, symbol: &str) {
        let fresh = fetch_from_exchange(symbol).await;
        self.prices.write().unwrap().insert(symbol.to_string(), fresh);
    }

    fn get(&self, symbol: &str) -> Option<f64> {
        self.prices.read().unwrap().get(symbol).copied()
    }
}

#[tokio::main]
async fn main() {
    let cache = PriceCache::default();
    let mut refreshers = Vec::new();
    for symbol in ["BTC", "ETH", "SOL"] {
        let cache = cache.clone();
        refreshers.push(tokio::spawn(async move {
            cache.refresh(symbol).await;
        }));
    }
    for r in refreshers {
        r.await.unwrap();
    }
    for symbol in ["BTC", "ETH", "SOL"] {
        println!("{symbol}: {:?}", cache.get(symbol));
    }
}
