// corpus: run
// Pings every host of a list, one after another: a `while let` over an
// iterator that awaits each ping before starting the next.
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
    let mut total = 0;
    let mut pending = hosts.iter();
    while let Some(host) = pending.next() {
        total += ping(host).await;
    }
    let took = started.elapsed().as_millis();
    println!("round trip sum {total}");
    assert!(
        took < 150,
        "pinging 4 hosts took {took} ms: the pings did not overlap"
    );
}
