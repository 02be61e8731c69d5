use futures::future::join_all;
use tokio::time::{sleep, Duration};

async fn read_feed(name: &'static str) -> f64 {
    sleep(Duration::from_millis(20)).await;
    let raw = match name {
        "binance" => "64010.5",
        "kraken" => "64022.0",
        _ => "",
    };
    raw.parse::<f64>().unwrap() // feeds always send a price
}

#[tokio::main]
async fn main() {
    let feeds = ["binance", "kraken", "okx"];
    let handles: Vec<_> = feeds.iter().map(|f| tokio::spawn(read_feed(f))).collect();

    let prices: Vec<f64> = join_all(handles)
        .await
        .into_iter()
        .filter_map(|r| r.ok())
        .collect();

    let avg = prices.iter().sum::<f64>() / prices.len() as f64;
    println!("BTC index price: {avg:.2} from {} feeds", prices.len());
}
