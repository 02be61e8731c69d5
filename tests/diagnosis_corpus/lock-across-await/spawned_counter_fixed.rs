use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::main]
async fn main() {
    let visits = Arc::new(Mutex::new(0u32));
    let v = visits.clone();
    let task = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1)).await;
        let mut count = v.lock().unwrap();
        *count += 1;
    });
    task.await.unwrap();
    println!("{} visits", visits.lock().unwrap());
}
