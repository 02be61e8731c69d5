use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A future that reports Pending `remaining` times before producing its value.
struct Countdown {
    remaining: u32,
    value: u64,
}

impl Future for Countdown {
    type Output = u64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.remaining == 0 {
            Poll::Ready(self.value)
        } else {
            self.remaining -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Minimal executor: run a future to completion on the current thread.
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("block_on: future did not complete"),
    }
}

async fn compute() -> u64 {
    let a = Countdown { remaining: 3, value: 40 }.await;
    let b = Countdown { remaining: 2, value: 2 }.await;
    a + b
}

fn main() {
    let result = block_on(compute());
    println!("result = {result}");
    assert_eq!(result, 42);
}
