// Streams: many values that aren't here yet.
//
// A future is one value that isn't here yet; a stream is a series of them,
// arriving one by one, read with `while let Some(x) = stream.next().await`.
// The `Stream` trait itself has one required method, `poll_next`; the handy
// methods (`next`, `map`, `filter`, `then`, `collect`, ...) live on an
// extension trait, and in Rust a trait's methods can only be called when the
// trait is in scope. The `Iterator` methods are always in scope (the prelude
// brings them); the stream ones are not.
//
// This doesn't compile: the compiler finds no `then`, `filter` or `next` on
// these streams. Fix it, then read the pipeline: `filter` and `then` take
// closures that return futures, because any step may have to wait. Done when
// the tickets come out right, each as soon as its order arrives.

// TODO: which trait gives streams their `next`, `filter` and `then`?
use futures::stream::{self, Stream};
use std::time::Duration;

/// Orders arrive one every 100 ms, as (table, dishes).
fn orders() -> impl Stream<Item = (u32, u32)> {
    stream::iter([(1, 2), (2, 0), (3, 5), (4, 1)]).then(|order| async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        order
    })
}

/// Tickets for the kitchen; an order with no dishes gets no ticket.
async fn tickets(orders: impl Stream<Item = (u32, u32)>) -> Vec<String> {
    let mut tickets = std::pin::pin!(orders
        .filter(|&(_, dishes)| futures::future::ready(dishes > 0))
        .map(|(table, dishes)| format!("table {table}: {dishes} dishes")));
    let mut written = Vec::new();
    while let Some(ticket) = tickets.next().await {
        written.push(ticket);
    }
    written
}

#[tokio::main]
async fn main() {
    println!("{:?}", tickets(orders()).await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn tickets_are_written_as_orders_arrive() {
        let start = Instant::now();
        let written = tickets(orders()).await;
        let ms = start.elapsed().as_millis();
        assert_eq!(
            written,
            [
                "table 1: 2 dishes",
                "table 3: 5 dishes",
                "table 4: 1 dishes"
            ],
            "one ticket per order that has dishes, in the order they arrived"
        );
        assert_eq!(
            ms, 400,
            "four orders, one every 100 ms, should take 400 ms, not {ms}"
        );
    }
}
