// corpus: run
// Pings every host of a list at the same time with `join_all`.
use std::time::{Duration, Instant};

async fn ping(host: &str) -> u64 {
    tokio::time::sleep(Duration::from_millis(60)).await;
    host.len() as u64
}

#[tokio::main]
async fn main() {
    let hosts: Vec<String> = ["alpha.lan", "beta.lan", "gamma.lan", "delta.lan"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    let started = Instant::now();
    let times = futures::future::join_all(hosts.iter().map(|h| ping(h))).await;
    let total: u64 = times.iter().sum();
    let took = started.elapsed().as_millis();
    println!("round trip sum {total}");
    assert!(
        took < 150,
        "pinging 4 hosts took {took} ms: the pings did not overlap"
    );
}
