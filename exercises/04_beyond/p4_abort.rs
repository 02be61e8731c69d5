// A dropped JoinHandle does not cancel its task.
//
// Dropping a future cancels it: nobody polls it again. A spawned task is not
// a future you hold: the runtime polls it, and its `JoinHandle` is only a
// ticket for its result. Throw the ticket away and the task runs on,
// detached, to the end.
//
// The checkout spawns the payment as a task and gives the bank 50 ms. When
// the bank is slower, the checkout tells the guest "order cancelled" and
// drops the handle... and 30 ms later the payment task charges the card all
// the same. Fix `checkout`. Done when a slow bank charges nothing and a fast
// one charges the card once.

use std::sync::atomic::{AtomicU32, Ordering::SeqCst};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{sleep, timeout};

/// The bank: takes `bank_ms`, then charges the card.
async fn charge_card(card: Arc<AtomicU32>, cents: u32, bank_ms: u64) {
    sleep(Duration::from_millis(bank_ms)).await;
    card.fetch_add(cents, SeqCst);
}

/// Gives the payment 50 ms; returns whether the order went through.
async fn checkout(card: Arc<AtomicU32>, cents: u32, bank_ms: u64) -> bool {
    let mut payment = tokio::spawn(charge_card(card, cents, bank_ms));
    match timeout(Duration::from_millis(50), &mut payment).await {
        Ok(paid) => {
            paid.unwrap();
            true
        }
        Err(_) => {
            // TODO: the guest is told the order is cancelled. Is the payment?
            drop(payment);
            false
        }
    }
}

#[tokio::main]
async fn main() {
    let card = Arc::new(AtomicU32::new(0));
    let paid = checkout(card.clone(), 4_999, 80).await;
    sleep(Duration::from_millis(100)).await;
    println!("paid: {paid}, charged: {} cents", card.load(SeqCst));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_cancelled_order_is_never_charged() {
        let card = Arc::new(AtomicU32::new(0));
        assert!(
            checkout(card.clone(), 1_250, 20).await,
            "a 20 ms bank is in time"
        );
        assert_eq!(
            card.load(SeqCst),
            1_250,
            "an order paid in time is charged once"
        );

        let card = Arc::new(AtomicU32::new(0));
        assert!(
            !checkout(card.clone(), 4_999, 80).await,
            "an 80 ms bank is too slow"
        );
        sleep(Duration::from_millis(100)).await; // long after the bank answered
        let charged = card.load(SeqCst);
        assert_eq!(
            charged, 0,
            "the guest was told \"cancelled\" but the card was charged {charged} cents: \
             dropping the JoinHandle let the payment task run on, detached"
        );
    }
}
