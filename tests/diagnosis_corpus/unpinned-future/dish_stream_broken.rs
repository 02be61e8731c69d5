// corpus: run
// A ticker stream made with `unfold` and an async block: the loop reads it
// with `next()`, which polls it through `&mut`.
use futures::stream::{self, Stream, StreamExt};
use std::time::Duration;

fn ticks(count: u32) -> impl Stream<Item = u32> {
    stream::unfold(0, move |n| async move {
        if n == count {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
        Some((n, n + 1))
    })
}

#[tokio::main]
async fn main() {
    let mut ticker = ticks(3);
    let mut seen = Vec::new();
    while let Some(tick) = ticker.next().await {
        seen.push(tick);
    }
    assert_eq!(seen, [0, 1, 2]);
    println!("{seen:?}");
}
