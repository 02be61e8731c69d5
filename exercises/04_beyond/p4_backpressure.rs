// Backpressure: a full queue slows the producer down.
//
// The till prints order tickets much faster than the kitchen cooks. With an
// unbounded channel nothing ever tells the till to wait: tickets pile up on
// the rail (in memory) without limit, and a busy night runs out of memory. A
// bounded channel has room for N items; when it is full, `send(..).await`
// waits until the consumer takes one. That wait is backpressure: the slow
// side sets the pace, and the queue stays small.
//
// Fix `run_kitchen`: give the rail room for at most 5 tickets. Done when the
// rail never holds more than 5 tickets and all 50 orders are cooked, in order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

/// Returns the dishes cooked and the most tickets ever waiting on the rail.
async fn run_kitchen(orders: u32) -> (Vec<u32>, usize) {
    // TODO: nothing here ever makes the till wait. Give the rail a limit.
    let (till, mut rail) = mpsc::unbounded_channel();
    let taken = Arc::new(AtomicUsize::new(0));

    let kitchen_taken = taken.clone();
    let kitchen = tokio::spawn(async move {
        let mut cooked = Vec::new();
        while let Some(order) = rail.recv().await {
            kitchen_taken.fetch_add(1, Ordering::SeqCst);
            sleep(Duration::from_millis(10)).await; // cooking is slow
            cooked.push(order);
        }
        cooked
    });

    let (mut printed, mut most_waiting) = (0, 0);
    for order in 0..orders {
        till.send(order).unwrap(); // printing a ticket is instant
        printed += 1;
        let waiting = printed - taken.load(Ordering::SeqCst).min(printed);
        most_waiting = most_waiting.max(waiting);
    }
    drop(till); // closing time: the kitchen's loop ends when the rail is empty
    (kitchen.await.unwrap(), most_waiting)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (cooked, most_waiting) = run_kitchen(50).await;
    println!("cooked {}, at most {most_waiting} waiting", cooked.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_rail_never_overflows() {
        let (cooked, most_waiting) = run_kitchen(50).await;
        assert!(
            most_waiting <= 5,
            "{most_waiting} tickets waited on the rail at once: nothing made the till wait \
             for the kitchen, so the queue grew without limit (allowed: 5)"
        );
        assert_eq!(
            cooked,
            (0..50).collect::<Vec<_>>(),
            "every order must be cooked, once, in order"
        );
    }
}
