use std::time::Duration;
use tokio::time::Instant;

async fn wait_until(deadline: Instant) {
    tokio::time::sleep_until(deadline).await;
}

#[tokio::main]
async fn main() {
    let deadline = Instant::now() + Duration::from_millis(20);
    wait_until(deadline).await;
    println!("the bus has arrived");
}
