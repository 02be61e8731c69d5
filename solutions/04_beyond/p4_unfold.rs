// A stream by hand: `unfold`.
//
// A stream ends when `next()` gives `None`, and that is final: "no more,
// ever". "Nothing yet" is something else: the stream is not ready, and
// `next().await` waits until the next item is here. The easiest way to
// make your own stream is `futures::stream::unfold(state, step)`: `step` takes
// the state and returns a future of `Some((item, next_state))`, or of `None`
// to end the stream.
//
// `dishes` turns the kitchen's channel into a stream (tokio's `Receiver` is
// not a `Stream` by itself). But it asks with `try_recv`, which answers at
// once: while the kitchen is still cooking, the stream takes "nothing yet" for
// "no more". Fix `dishes`: wait for the next dish, and end the stream only
// when the kitchen has closed. Done when every dish comes out, in order.

use futures::stream::{self, Stream, StreamExt};
use std::time::Duration;
use tokio::sync::mpsc;

fn dishes(kitchen: mpsc::Receiver<String>) -> impl Stream<Item = String> {
    stream::unfold(kitchen, |mut kitchen| async move {
        let dish = kitchen.recv().await?; // None: the kitchen has closed
        Some((dish, kitchen))
    })
}

/// A kitchen that cooks three dishes, 100 ms each, then closes.
fn open_kitchen() -> mpsc::Receiver<String> {
    let (pass, kitchen) = mpsc::channel(1);
    tokio::spawn(async move {
        for dish in ["soup", "fish", "cake"] {
            tokio::time::sleep(Duration::from_millis(100)).await;
            pass.send(dish.to_string()).await.unwrap();
        }
    });
    kitchen
}

#[tokio::main]
async fn main() {
    let served: Vec<String> = dishes(open_kitchen()).collect().await;
    println!("{served:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    #[tokio::test(start_paused = true)]
    async fn every_dish_comes_out_then_the_stream_ends() {
        let all = dishes(open_kitchen()).collect::<Vec<_>>();
        let served = timeout(Duration::from_secs(2), all).await.expect(
            "the stream never ended: when the kitchen closes, recv gives None; end the stream then",
        );
        assert_eq!(
            served,
            ["soup", "fish", "cake"],
            "the stream ended after {} dishes, but the kitchen cooked 3: None means \"no more, \
             ever\"; while the kitchen is still cooking, wait for the next dish",
            served.len()
        );
    }
}
