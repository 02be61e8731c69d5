// corpus: run
use std::time::Duration;
use tokio::sync::broadcast;

struct Ticker {
    feed: broadcast::Sender<(String, f64)>,
}

impl Ticker {
    async fn replay(&self, quotes: &[(&str, f64)]) {
        for (sym, px) in quotes {
            tokio::time::sleep(Duration::from_millis(2)).await;
            let _ = self.feed.send((sym.to_string(), *px));
        }
    }
}

async fn vwap(mut sub: broadcast::Receiver<(String, f64)>) -> f64 {
    let (mut sum, mut n) = (0.0, 0.0);
    while let Ok((_, px)) = sub.recv().await {
        sum += px;
        n += 1.0;
    }
    sum / n
}

#[tokio::main]
async fn main() {
    let (feed, _) = broadcast::channel(64);
    let ticker = Ticker { feed };
    let avg = tokio::spawn(vwap(ticker.feed.subscribe()));
    ticker.replay(&[("ACME", 10.0), ("ACME", 11.0), ("ACME", 12.5)]).await;
    println!("average price {:.2}", avg.await.unwrap());
}
