use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Wraps an inner future and counts how many times it was polled.
/// Pending from the inner future is forwarded to the caller, who polls again.
struct CountPolls<F> {
    inner: Pin<Box<F>>,
    polls: u32,
}

impl<F: Future> Future for CountPolls<F> {
    type Output = (F::Output, u32);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.polls += 1;
        match self.inner.as_mut().poll(cx) {
            Poll::Ready(v) => Poll::Ready((v, self.polls)),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Like `CountPolls` but written with `?`-style forwarding via `ready!`.
struct AddOne<F> {
    inner: Pin<Box<F>>,
}

impl<F: Future<Output = u32>> Future for AddOne<F> {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let v = std::task::ready!(self.inner.as_mut().poll(cx));
        Poll::Ready(v + 1)
    }
}

async fn slow_value() -> u32 {
    for _ in 0..5 {
        tokio::task::yield_now().await;
    }
    41
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let fut = CountPolls { inner: Box::pin(AddOne { inner: Box::pin(slow_value()) }), polls: 0 };
    let (value, polls) = fut.await;
    println!("value = {value}, polled {polls} times");
    assert_eq!(value, 42);
    assert!(polls > 1, "inner future should have been Pending at least once");
}
