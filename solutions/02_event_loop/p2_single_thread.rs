// Single-threaded but concurrent
//
// The event loop is one thread running your code plus a queue of tasks ready
// to continue. This program asks for exactly ONE thread (`current_thread`),
// yet two waiters can still serve their tables "at the same time": they take
// turns. A task keeps the thread until it reaches an `.await` on something
// that isn't here yet; there it pauses, and the loop runs another task that
// is ready. No `.await`, no turn-taking.
//
// Right now a waiter never waits for the kitchen: it serves all its tables
// in one go, so Ann finishes everything before Bob even starts.
//
// What to fix: in `waiter`, after taking an order, wait for the kitchen
// (`kitchen_ms` milliseconds) with tokio's timer, awaited. Don't add threads
// and don't use `std::thread::sleep`: that would freeze the only thread.
// (The clock here is tokio's virtual clock, so the waits cost no real time.)
//
// Done when the output interleaves: Ann and Bob take turns on one thread.

use std::time::Duration;
use tokio::task;

async fn waiter(name: &'static str, kitchen_ms: u64) {
    for table in 1..=3 {
        println!("{name} takes the order of table {table}");
        // The dish isn't here yet: pause this task, let the loop run another.
        tokio::time::sleep(Duration::from_millis(kitchen_ms)).await;
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let ann = task::spawn(waiter("Ann", 10));
    let bob = task::spawn(waiter("Bob", 15));
    ann.await.unwrap();
    bob.await.unwrap();
    println!("all tables served, by one thread");
}
