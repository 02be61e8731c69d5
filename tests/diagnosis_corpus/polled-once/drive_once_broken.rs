// corpus: run
// A test helper that runs a future on the spot, with no runtime: it polls
// the future itself with a waker that does nothing.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

fn run_now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("the future was not ready"),
    }
}

async fn price_with_tax(cents: u64) -> u64 {
    tokio::task::yield_now().await; // a lookup that is not instant
    cents * 121 / 100
}

fn main() {
    let total = run_now(price_with_tax(1_000));
    println!("total: {total} cents");
    assert_eq!(total, 1_210);
}
