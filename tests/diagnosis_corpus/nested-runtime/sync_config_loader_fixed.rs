// corpus: run
use std::time::Duration;

async fn read_config() -> String {
    tokio::time::sleep(Duration::from_millis(1)).await;
    "port = 8080".to_string()
}

async fn load_config() -> String {
    read_config().await
}

#[tokio::main]
async fn main() {
    let config = load_config().await;
    println!("{config}");
}
