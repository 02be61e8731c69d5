// block_on inside async: a loop inside the loop
//
// `block_on` is the bridge from ordinary code into async code: it takes over
// the current thread and runs an event loop on it until one future is done.
// That is exactly right in `main`, and exactly wrong inside async code: there
// the thread is already the event loop, and making it stand still until one
// future finishes would freeze every other task (and often the very task the
// future is waiting for). Tokio refuses and panics with
// "Cannot start a runtime from within a runtime".
//
// What to fix: `bill` is async, but it gets each price through `price_of`, a
// helper written for ordinary code that calls `block_on`. Inside async code,
// wait for a future the way async code waits, so that `bill` is suspended
// while the price is on its way and the thread stays free for the loop. Keep
// the one `block_on` that belongs: the one in `main`.
//
// Done when the test passes: the bill for soup, pie and soup is 17.

use std::time::Duration;

/// Asks the kitchen for today's price of a dish (the kitchen takes 200 ms).
async fn fetch_price(dish: &str) -> u32 {
    tokio::time::sleep(Duration::from_millis(200)).await;
    match dish {
        "soup" => 5,
        "pie" => 7,
        _ => 0,
    }
}

/// A helper written for ordinary (non-async) code: it starts an event loop on
/// this thread and blocks until the price is here.
fn price_of(dish: &str) -> u32 {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(fetch_price(dish))
}

async fn bill(dishes: &[&str]) -> u32 {
    let mut total = 0;
    for dish in dishes {
        // TODO: this blocks on a future from inside async code.
        total += price_of(dish);
    }
    total
}

// Ordinary code: here, and only here, we block on a future.
fn main() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    println!("the bill: {}", rt.block_on(bill(&["soup", "pie"])));
}

#[cfg(test)]
mod tests {
    use super::*;
    use support::watchdog::Watchdog;

    #[tokio::test(start_paused = true)]
    async fn the_bill_adds_up() {
        let dog = Watchdog::start(Duration::from_millis(150));
        let total = bill(&["soup", "pie", "soup"]).await;
        assert_eq!(total, 17, "soup (5) + pie (7) + soup (5) should make 17");
        dog.assert_loop_never_blocked(Duration::from_millis(150));
    }
}
