use std::collections::HashMap;
use tokio::time::{sleep, Duration};

struct Quote {
    symbol: String,
    price: f64,
}

async fn fetch_quote(symbol: &str) -> Quote {
    // pretend this is an HTTP call to the market data service
    sleep(Duration::from_millis(20)).await;
    let price = match symbol {
        "AAPL" => 189.5,
        "MSFT" => 411.25,
        "NVDA" => 118.75,
        _ => 0.0,
    };
    Quote { symbol: symbol.to_string(), price }
}

async fn portfolio_value(holdings: &HashMap<&str, u32>) -> f64 {
    let mut total = 0.0;
    for (symbol, qty) in holdings {
        let quote = fetch_quote(symbol);
        println!("{:>5} x {:>3} @ {:.2}", quote.symbol, qty, quote.price);
        total += quote.price * *qty as f64;
    }
    total
}

#[tokio::main]
async fn main() {
    let mut holdings = HashMap::new();
    holdings.insert("AAPL", 10);
    holdings.insert("MSFT", 4);
    holdings.insert("NVDA", 25);

    let value = portfolio_value(&holdings).await;
    println!("portfolio value: {value:.2}");
    assert!((value - 6508.75).abs() < 0.01);
}
