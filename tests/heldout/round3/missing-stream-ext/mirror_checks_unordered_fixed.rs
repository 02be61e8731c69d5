use futures::stream::{FuturesUnordered, StreamExt};
use std::time::Instant;
use tokio::time::{sleep, Duration};

async fn check_mirror(url: &'static str, latency_ms: u64) -> (&'static str, Duration) {
    let started = Instant::now();
    sleep(Duration::from_millis(latency_ms)).await; // HEAD /release.tar.gz
    (url, started.elapsed())
}

#[tokio::main]
async fn main() {
    let mirrors = [
        ("https://eu.mirror.example/", 120),
        ("https://us.mirror.example/", 60),
        ("https://ap.mirror.example/", 200),
        ("https://backup.mirror.example/", 90),
    ];
    let mut checks: FuturesUnordered<_> = mirrors
        .iter()
        .map(|(url, latency)| check_mirror(url, *latency))
        .collect();

    let mut ranking = Vec::new();
    while let Some((url, took)) = checks.next().await {
        println!("{url} answered in {took:?}");
        ranking.push(url);
    }
    println!("fastest mirror: {}", ranking[0]);
}
