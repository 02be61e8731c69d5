// Reads three sensors in tasks that write into a shared list; nobody waits
// for the tasks, so `main` prints (and ends) before any reading is in.
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn read_sensor(id: u32) -> f64 {
    tokio::time::sleep(Duration::from_millis(10 * id as u64)).await;
    id as f64 * 1.5
}

#[tokio::main]
async fn main() {
    let readings = Arc::new(Mutex::new(Vec::new()));
    for id in 1..=3 {
        let readings = Arc::clone(&readings);
        tokio::spawn(async move {
            let value = read_sensor(id).await;
            readings.lock().unwrap().push(value);
        });
    }
    println!("readings: {:?}", readings.lock().unwrap());
}
