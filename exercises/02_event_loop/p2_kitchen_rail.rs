// Waits that don't look like `sleep`
//
// Blocking is not only sleeping. Any call that makes the thread wait until
// something happens blocks it: reading a file with `std::fs`, a lookup in a
// library that waits for its server, taking a message out of a `std` channel.
// Inside a task, such a call makes the event loop's thread stand still, and
// every other task on that thread waits with it, including, perhaps, the very
// task that would have ended the wait.
//
// One waiter (one thread), one cook. The waiter takes each table's order and
// pins the ticket on the kitchen's rail; the cook takes the tickets off the
// rail. Today the kitchen never cooks a thing: the service hangs.
//
// Done when `cargo test` passes: the kitchen cooks every order, in order.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::Duration;
use tokio::time::sleep;

/// The waiter takes each table's order (50 ms) and pins its ticket on the rail.
async fn waiter(rail: Sender<&'static str>, orders: Vec<&'static str>) {
    for dish in orders {
        sleep(Duration::from_millis(50)).await; // at the table
        rail.send(dish).unwrap();
    }
} // the waiter goes home, and the rail closes

/// The cook takes the tickets off the rail, one at a time, until it closes.
async fn cook(rail: Receiver<&'static str>) -> Vec<String> {
    let mut cooked = Vec::new();
    while let Ok(dish) = rail.recv() {
        sleep(Duration::from_millis(20)).await; // at the stove
        cooked.push(format!("{dish}, cooked"));
    }
    cooked
}

/// One evening: the cook is a task of its own; the waiter works in this one.
async fn service(orders: Vec<&'static str>) -> Vec<String> {
    let (pin, rail) = channel();
    let kitchen = tokio::spawn(cook(rail));
    waiter(pin, orders).await;
    kitchen.await.unwrap()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{:?}", service(vec!["soup", "pie", "tea"]).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    // One thread, on tokio's virtual clock, run from a thread of its own: if
    // the service hangs, the test still ends and says so.
    #[test]
    fn the_kitchen_cooks_every_order() {
        let (done, evening) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .unwrap();
            let _ = done.send(runtime.block_on(service(vec!["soup", "pie", "tea"])));
        });
        let cooked = evening.recv_timeout(Duration::from_secs(2)).expect(
            "after 2 s the kitchen had not finished: the cook stands at the rail holding \
             the only thread, so the waiter, a task on that same thread, never gets a \
             turn to bring the next ticket",
        );
        assert_eq!(cooked, ["soup, cooked", "pie, cooked", "tea, cooked"]);
    }
}
