// corpus: run
// Every host is pinged at once: the list holds the futures themselves,
// and `join_all` polls them together.
use futures::future::join_all;
use std::time::Duration;

async fn ping(host: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(50)).await;
    host.len()
}

#[tokio::main]
async fn main() {
    let sizes = join_all(vec![ping("alpha"), ping("beta"), ping("gamma")]).await;
    println!("{sizes:?}");
}
