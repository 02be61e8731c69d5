// corpus: run
use std::time::Duration;

async fn greet() {
    tokio::time::sleep(Duration::from_millis(1)).await;
    println!("hello");
}

#[tokio::main]
async fn main() {
    greet().await;
}
