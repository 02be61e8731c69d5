// corpus: run
use std::time::Duration;

async fn ping(host: &str) -> bool {
    tokio::time::sleep(Duration::from_millis(5)).await;
    !host.is_empty()
}

#[tokio::main]
async fn main() {
    let hosts = ["db", "cache", "queue"];
    let checks: Vec<_> = hosts.iter().map(|h| ping(h)).collect();
    let results = futures::future::join_all(checks).await;
    println!("{} hosts are up", results.iter().filter(|ok| **ok).count());
}
