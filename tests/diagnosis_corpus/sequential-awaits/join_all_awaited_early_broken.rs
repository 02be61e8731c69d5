// Every host is pinged in the list given to `join_all`, but each ping is
// awaited as the list is built: one after another, before `join_all` runs.
use futures::future::join_all;
use std::time::Duration;

async fn ping(host: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(50)).await;
    host.len()
}

#[tokio::main]
async fn main() {
    let sizes = join_all(vec![ping("alpha").await, ping("beta").await, ping("gamma").await]).await;
    println!("{sizes:?}");
}
