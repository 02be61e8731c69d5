// corpus: run
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::main]
async fn main() {
    let task = tokio::spawn(async {
        let log = Arc::new(Mutex::new(Vec::new()));
        log.lock().unwrap().push("start");
        tokio::time::sleep(Duration::from_millis(1)).await;
        log.lock().unwrap().push("end");
        let n = log.lock().unwrap().len();
        n
    });
    println!("{} entries", task.await.unwrap());
}
