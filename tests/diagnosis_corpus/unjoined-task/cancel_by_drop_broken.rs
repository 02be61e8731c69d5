// corpus: run
// A checkout gives the payment task 50 ms; past that, the order is
// cancelled and the card must not be charged.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::timeout;

async fn charge_card(charged: Arc<AtomicU32>, cents: u32) {
    tokio::time::sleep(Duration::from_millis(80)).await; // the bank is slow today
    charged.fetch_add(cents, Ordering::SeqCst);
}

#[tokio::main]
async fn main() {
    let charged = Arc::new(AtomicU32::new(0));
    let mut payment = tokio::spawn(charge_card(charged.clone(), 4_999));
    match timeout(Duration::from_millis(50), &mut payment).await {
        Ok(done) => done.unwrap(),
        Err(_) => {
            drop(payment);
            println!("payment timed out: order cancelled");
        }
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let total = charged.load(Ordering::SeqCst);
    assert_eq!(total, 0, "a cancelled order was charged {total} cents");
    println!("nothing charged");
}
