// Lesson 3: futures are lazy
//
// In JavaScript, calling an async function starts its work at once: the promise runs
// even if nobody awaits it. Rust is different. Calling an async fn only writes the
// ticket: it builds a future (a value that isn't here yet) and does nothing else. The
// work happens only when something polls that future. A future dropped without
// being awaited never runs: its effect is simply missing, with
// no error at all. (The compiler does warn: "futures do nothing unless you `.await` or
// poll them". Read the warnings! One of the two mistakes below silences it.)
//
// The waiter takes a table's orders and sends each ticket to the kitchen, yet the
// kitchen's rail stays empty.
//
// Done when `cargo test` passes: every ticket reached the kitchen, in order.

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The kitchen's ticket rail, shared by the waiter and the cooks.
type Rail = Arc<Mutex<Vec<String>>>;

/// Walks to the kitchen (it takes a moment) and pins the ticket on the rail.
async fn send_to_kitchen(rail: Rail, dish: &str) {
    tokio::time::sleep(Duration::from_millis(50)).await;
    rail.lock().unwrap().push(dish.to_string());
}

/// Takes the orders of one table: bread first, then each dish.
async fn take_orders(rail: Rail, dishes: &[&str]) {
    // TODO: both errands below are written down, and then nobody runs them.
    let _ = send_to_kitchen(rail.clone(), "bread");
    for dish in dishes {
        send_to_kitchen(rail.clone(), dish);
    }
}

#[tokio::main]
async fn main() {
    let rail = Rail::default();
    take_orders(rail.clone(), &["soup", "steak"]).await;
    println!("the kitchen's rail: {:?}", rail.lock().unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_ticket_reaches_the_kitchen() {
        let rail = Rail::default();
        take_orders(rail.clone(), &["soup", "steak"]).await;
        let tickets = rail.lock().unwrap().clone();
        assert_eq!(
            tickets,
            ["bread", "soup", "steak"],
            "the kitchen got {tickets:?}: an errand that is created but never awaited never \
             happens (Rust futures are lazy)"
        );
    }
}
