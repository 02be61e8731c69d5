// corpus: run
// Main takes stock out of the store, then asks an auditor for a count and
// waits for it; the auditor needs the store's lock to count.
use std::sync::Arc;
use tokio::sync::{oneshot, Mutex};

#[tokio::main]
async fn main() {
    let stock = Arc::new(Mutex::new(10u32));
    let mut guard = stock.lock().await;
    *guard -= 3;
    let left = *guard;
    drop(guard);
    let (count_tx, count_rx) = oneshot::channel();
    let for_auditor = Arc::clone(&stock);
    tokio::spawn(async move {
        let counted = *for_auditor.lock().await;
        let _ = count_tx.send(counted);
    });
    let audited = count_rx.await.unwrap();
    println!("audited {audited}, left {left}");
}
