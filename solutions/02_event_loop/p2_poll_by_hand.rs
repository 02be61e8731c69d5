// Be the event loop
//
// So far tokio has driven your futures. Here nobody helps: `drive` must run a
// future to the end by itself, the way an event loop does. A loop drives a
// future by polling it: each poll asks "are you done?", and the future either
// hands over its value or answers "not yet". An async fn answers "not yet"
// whenever the thing it is awaiting does; the next poll goes on from that
// `.await`. (Each poll also hands the future a context that carries a waker,
// to ring when it is worth polling again. `drive` will not wait for a ring,
// so the one it hands out does nothing.)
//
// Today `drive` asks once and gives up when the dish is not ready.
//
// Done when `cargo test` passes: `drive` returns each future's value, and
// counts how many times it heard "not yet". No tokio here: std only.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs `future` to the end on this thread. Returns its value and how many
/// times it answered "not yet".
fn drive<F: Future>(future: F) -> (F::Output, u32) {
    let mut future = pin!(future); // a future stays in one place while polled
    let mut cx = Context::from_waker(Waker::noop());
    let mut not_yet = 0;
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(value) => return (value, not_yet),
            Poll::Pending => not_yet += 1,
        }
    }
}

/// One step of a recipe: not done the first time it is asked, done the next.
async fn step() {
    let mut asked = false;
    poll_fn(|cx| {
        if std::mem::replace(&mut asked, true) {
            return Poll::Ready(());
        }
        cx.waker().wake_by_ref(); // "poll me again": a promise (see the next exercise)
        Poll::Pending
    })
    .await
}

/// The kitchen cooks a dish in three steps.
async fn cook(dish: &str) -> String {
    for _ in ["chop", "stir", "plate"] {
        step().await;
    }
    format!("{dish}, cooked")
}

fn main() {
    println!("{:?}", drive(cook("soup")));
}

#[test]
fn a_future_that_is_ready_at_once() {
    let why = "nothing to wait for: the first poll hands over the value";
    assert_eq!(drive(async { 42 }), (42, 0), "{why}");
}

#[test]
fn drive_polls_until_the_dish_is_ready() {
    let (dish, not_yet) = drive(cook("soup"));
    assert_eq!(dish, "soup, cooked");
    assert_eq!(
        not_yet, 3,
        "cook says \"not yet\" once per step of its recipe"
    );
}

#[test]
fn awaiting_passes_not_yet_up() {
    let dinner = async { format!("{} + {}", cook("soup").await, cook("pie").await) };
    let (meal, not_yet) = drive(dinner);
    assert_eq!(meal, "soup, cooked + pie, cooked");
    let why = "dinner is not ready whenever the dish it awaits is not: 3 + 3 times";
    assert_eq!(not_yet, 6, "{why}");
}
