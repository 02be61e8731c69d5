use futures::future::join_all;
use tokio::time::{sleep, Duration};

async fn fetch_price(exchange: &str, symbol: &str) -> f64 {
    sleep(Duration::from_millis(30)).await;
    let base = match symbol {
        "BTC" => 64_000.0,
        "ETH" => 3_100.0,
        _ => 1.0,
    };
    match exchange {
        "kraken" => base * 1.001,
        "bitstamp" => base * 0.999,
        _ => base,
    }
}

async fn best_bid(symbol: &str) -> f64 {
    let exchanges = ["coinbase", "kraken", "bitstamp"];
    let quotes: Vec<f64> = join_all(exchanges.iter().map(|ex| async move { fetch_price(ex, symbol).await })).await;
    quotes.into_iter().fold(f64::MIN, f64::max)
}

#[tokio::main]
async fn main() {
    for symbol in ["BTC", "ETH"] {
        let bid = best_bid(symbol).await;
        println!("{symbol}: best bid {bid:.2}");
    }
}
