use std::time::Duration;

async fn ping(host: &str) -> bool {
    tokio::time::sleep(Duration::from_millis(5)).await;
    !host.is_empty()
}

#[tokio::main]
async fn main() {
    let hosts = ["db", "cache", "queue"];
    let checks: Vec<_> = hosts.iter().map(|h| ping(h)).collect();
    println!("started {} health checks", checks.len());
}
