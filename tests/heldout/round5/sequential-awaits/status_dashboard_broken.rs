use std::time::{Duration, Instant};

#[derive(Debug)]
enum Health {
    Up(u64),
    Degraded(u64),
}

async fn probe(service: &str) -> Health {
    // each health endpoint answers in about 400 ms
    tokio::time::sleep(Duration::from_millis(400)).await;
    let latency = 20 + service.len() as u64 * 9;
    if latency > 100 {
        Health::Degraded(latency)
    } else {
        Health::Up(latency)
    }
}

#[tokio::main]
async fn main() {
    let services = ["auth", "billing", "search", "notifications", "cdn"];
    let started = Instant::now();

    let mut rows = Vec::new();
    for svc in services {
        rows.push((svc, probe(svc).await));
    }

    for (svc, health) in &rows {
        println!("{svc:<14} {health:?}");
    }
    println!("dashboard refreshed in {:?}", started.elapsed());
}
