// corpus: run
use std::time::Duration;
use tokio::time::Instant;

async fn lookup(id: u32) -> String {
    tokio::time::sleep(Duration::from_millis(40)).await;
    format!("customer {id}")
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let mut found = Vec::new();
    for id in [7, 8, 9, 10] {
        found.push(lookup(id).await);
    }
    let ms = start.elapsed().as_millis();
    println!("{found:?}");
    assert!(ms < 100, "4 lookups took {ms} ms: each waited for the one before");
}
