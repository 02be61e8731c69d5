use std::time::Duration;
use tokio::time::{sleep, Instant};

#[tokio::main]
async fn main() {
    let start = Instant::now();
    println!("brewing...");
    let _ = sleep(Duration::from_millis(30));
    println!("tea is ready after {} ms", start.elapsed().as_millis());
}
