use std::time::{Duration, Instant};

async fn wait_until(deadline: Instant) {
    while Instant::now() < deadline {}
}

#[tokio::main]
async fn main() {
    let deadline = Instant::now() + Duration::from_millis(20);
    wait_until(deadline).await;
    println!("the bus has arrived");
}
