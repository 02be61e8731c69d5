// A future by hand
//
// In the last exercise you polled futures; now you write one. `Future` is a
// trait with one method, `poll`: the loop asks "are you done?", and the
// future answers `Poll::Ready(value)` ("here it is") or `Poll::Pending`
// ("not yet"). An `async fn` is a future the compiler writes for you.
//
// "Not yet" comes with a promise: the future makes sure the loop polls it
// again later, through the waker in `cx`. Waking puts the task back in the
// queue of tasks ready to continue; tokio does not poll a task that nobody
// woke. A countdown waits for nothing in particular, so it can keep its
// promise at once. (The next exercise shows what happens when nobody wakes
// a task.)
//
// What to fix: write `poll` for `Countdown`: "not yet" as many times as
// `remaining` says, counting down by one each time, then "liftoff!".
// (`self` comes pinned: a pinned value may not be moved again, unless its
// type is `Unpin`, as `Countdown` is: it holds nothing that cares about
// moving, so its fields can be changed through `mut self`.)
//
// Done when both tests pass: polled by hand, and awaited on tokio.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Countdown {
    remaining: u32,
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        // TODO: nothing left to count? Then the value is here.
        //       Otherwise count one down, promise to be polled again, and say "not yet".
        todo!("answer the loop: Ready or Pending")
    }
}

#[tokio::main]
async fn main() {
    println!("{}", Countdown { remaining: 3 }.await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Poll::{Pending, Ready};
    use std::task::Waker;
    use std::time::Duration;

    // Be the event loop yourself: call poll until the value is here.
    #[test]
    fn polled_by_hand_it_says_not_yet_three_times() {
        let mut countdown = Countdown { remaining: 3 };
        let mut cx = Context::from_waker(Waker::noop());
        let answers: Vec<_> = (0..4)
            .map(|_| Pin::new(&mut countdown).poll(&mut cx))
            .collect();
        let expected = [Pending, Pending, Pending, Ready("liftoff!")];
        let why = "Countdown { remaining: 3 } should answer Pending 3 times, then Ready";
        assert_eq!(answers, expected, "{why}");
    }

    // Let tokio's loop poll it: it only polls again when the task is woken.
    #[tokio::test(start_paused = true)]
    async fn tokio_can_await_it() {
        let result = tokio::time::timeout(Duration::from_secs(1), Countdown { remaining: 3 }).await;
        assert_eq!(
            result,
            Ok("liftoff!"),
            "tokio gave up waiting: after Poll::Pending the task was never woken, so the loop never polled it again"
        );
    }
}
