// Streams that must stay put.
//
// A stream made from async code (with `unfold`, or `then` with an async block)
// keeps a future inside it, and that future may point into itself once it has
// started: its locals live in it, and a reference to one of them is an
// address inside the same value. Moved to another place in memory between two
// polls, it would point at the old place. So it may only be polled once it is
// pinned: fixed in place for the rest of its life. `next()` only borrows the
// stream (`&mut`), and a plain `&mut` promises nothing about staying put; so
// `next()` takes only streams that do not care whether they move (`Unpin`).
//
// This doesn't compile: the kitchen's pass "cannot be unpinned". Fix `carry`,
// not the stream. Done when each dish reaches the table as it is called out.

use futures::stream::{self, Stream, StreamExt};
use std::time::Duration;
use tokio::time::{sleep, Instant};

/// The pass: the kitchen calls out one dish every 100 ms, in order.
fn pass(order: Vec<&'static str>) -> impl Stream<Item = &'static str> {
    stream::unfold(order.into_iter(), |mut dishes| async move {
        let dish = dishes.next()?;
        sleep(Duration::from_millis(100)).await;
        Some((dish, dishes))
    })
}

/// The waiter carries each dish as soon as it is called; returns (dish, at ms).
async fn carry(order: Vec<&'static str>) -> Vec<(&'static str, u128)> {
    let start = Instant::now();
    let mut dishes = std::pin::pin!(pass(order));
    let mut carried = Vec::new();
    while let Some(dish) = dishes.next().await {
        carried.push((dish, start.elapsed().as_millis()));
    }
    carried
}

#[tokio::main]
async fn main() {
    println!("{:?}", carry(vec!["soup", "steak", "cake"]).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn each_dish_is_carried_when_called() {
        let carried = carry(vec!["soup", "steak", "cake"]).await;
        assert_eq!(
            carried,
            [("soup", 100), ("steak", 200), ("cake", 300)],
            "each dish should reach the table, in order, as soon as it is called out"
        );
    }
}
