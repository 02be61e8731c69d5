// Don't block the event loop
//
// The event loop is one thread running your code plus a queue of tasks ready
// to continue. A task gives the thread back only when its future answers
// "not yet": at an `.await` on something that isn't here yet. A blocking
// call such as `std::thread::sleep` keeps the thread for itself: the waiter
// stands idle at one table while every other table waits. On a single-thread
// runtime that means *nothing else runs at all*.
//
// Here the restaurant has a clock on the wall, a task that ticks every 10 ms.
// While the kitchen cooks a dish (200 ms), the clock should keep ticking.
// It doesn't: `cook_dish` blocks the only thread, so the clock stands still.
//
// What to fix: make `cook_dish` wait the way async code waits, so that it is
// suspended while the dish cooks and the waiter serves the clock meanwhile.
//
// Done when the test passes: the clock ticks about 20 times during the 200 ms.

use std::time::Duration;

/// The kitchen needs 200 ms to cook a dish.
async fn cook_dish() -> &'static str {
    // TODO: this blocks the whole thread. Wait without freezing the loop.
    std::thread::sleep(Duration::from_millis(200));
    "soup"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("the kitchen cooked {}", cook_dish().await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    // One thread, and tokio's virtual clock: the count of ticks is exact.
    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn the_clock_keeps_ticking_while_the_kitchen_cooks() {
        let ticks = Arc::new(AtomicU32::new(0));
        let counter = ticks.clone();
        let clock = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(10)).await;
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });

        let dish = cook_dish().await;
        let n = ticks.load(Ordering::SeqCst);
        clock.abort();

        assert_eq!(dish, "soup");
        assert!(
            n >= 15,
            "the clock ticked {n} times while the kitchen cooked for 200 ms (it should \
             tick about 20 times): cook_dish did not wait with tokio's timer. A blocking \
             call froze the only thread, so no other task could run (and on this test's \
             paused clock, only tokio's timers move time forward); await a timer instead"
        );
    }
}
