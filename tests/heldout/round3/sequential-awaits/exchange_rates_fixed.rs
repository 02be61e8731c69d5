use std::time::Instant;
use tokio::time::{sleep, Duration};

#[derive(Debug)]
struct Rate {
    source: &'static str,
    eur_usd: f64,
}

async fn from_ecb() -> Rate {
    sleep(Duration::from_millis(600)).await;
    Rate { source: "ecb", eur_usd: 1.0841 }
}

async fn from_fed() -> Rate {
    sleep(Duration::from_millis(550)).await;
    Rate { source: "fed", eur_usd: 1.0838 }
}

async fn from_broker() -> Rate {
    sleep(Duration::from_millis(650)).await;
    Rate { source: "broker", eur_usd: 1.0846 }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let (ecb, fed, broker) = tokio::join!(from_ecb(), from_fed(), from_broker());

    let rates = [ecb, fed, broker];
    let mid = rates.iter().map(|r| r.eur_usd).sum::<f64>() / rates.len() as f64;
    for r in &rates {
        println!("{:>7}: {:.4}", r.source, r.eur_usd);
    }
    println!("mid rate {mid:.4} (took {:?})", started.elapsed());
}
