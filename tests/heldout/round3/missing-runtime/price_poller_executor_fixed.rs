use tokio::time::{sleep, timeout, Duration};

#[derive(Debug, Clone, Copy)]
struct Tick {
    bid: f64,
    ask: f64,
}

async fn poll_feed(round: u32) -> Tick {
    // stand-in for the exchange's REST endpoint
    sleep(Duration::from_millis(25)).await;
    let drift = round as f64 * 0.15;
    Tick { bid: 101.0 + drift, ask: 101.4 + drift }
}

async fn collect_spreads(rounds: u32) -> Vec<f64> {
    let mut spreads = Vec::new();
    for round in 0..rounds {
        match timeout(Duration::from_millis(500), poll_feed(round)).await {
            Ok(tick) => spreads.push(tick.ask - tick.bid),
            Err(_) => eprintln!("round {round}: feed timed out"),
        }
    }
    spreads
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let spreads = runtime.block_on(collect_spreads(8));
    let avg = spreads.iter().sum::<f64>() / spreads.len() as f64;
    println!("{} samples, average spread {:.3}", spreads.len(), avg);
    assert_eq!(spreads.len(), 8);
}
