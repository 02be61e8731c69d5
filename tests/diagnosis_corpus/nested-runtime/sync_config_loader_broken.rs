use std::time::Duration;

async fn read_config() -> String {
    tokio::time::sleep(Duration::from_millis(1)).await;
    "port = 8080".to_string()
}

fn load_config() -> String {
    futures::executor::block_on(read_config())
}

#[tokio::main]
async fn main() {
    let config = load_config();
    println!("{config}");
}
