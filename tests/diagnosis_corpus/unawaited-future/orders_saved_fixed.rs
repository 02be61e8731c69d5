// corpus: run
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

static SAVED: AtomicUsize = AtomicUsize::new(0);

async fn save_order(id: u32) {
    tokio::time::sleep(Duration::from_millis(2)).await;
    SAVED.fetch_add(1, Ordering::SeqCst);
    println!("saved order {id}");
}

#[tokio::main]
async fn main() {
    for id in 1..=3 {
        save_order(id).await;
    }
    println!("{} orders saved", SAVED.load(Ordering::SeqCst));
}
