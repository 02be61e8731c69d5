use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// Waker that counts how often it was woken (useful in tests).
struct CountingWaker(AtomicUsize);
impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A message queue receiver that only has data after a few "ticks".
struct DelayedRecv {
    ticks_left: u32,
    msg: &'static str,
}

impl Future for DelayedRecv {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.ticks_left > 0 {
            self.ticks_left -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.msg)
    }
}

/// Test helper: drive `fut` step by step (at most `max_steps` polls) and
/// return its output together with the number of wakeups it requested.
/// Returns None if the future never completes within the budget.
fn drive_to_completion<F: Future>(fut: F, max_steps: usize) -> Option<(F::Output, usize)> {
    assert!(max_steps > 0, "need at least one step");
    let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
    let waker = Waker::from(counter.clone());
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    for _ in 0..max_steps {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return Some((out, counter.0.load(Ordering::SeqCst)));
        }
    }
    None
}

fn main() {
    let cases = [("hello", 0u32), ("world", 2), ("late", 5)];
    let mut passed = 0;
    for (msg, ticks) in cases {
        let got = drive_to_completion(DelayedRecv { ticks_left: ticks, msg }, 100);
        match got {
            Some((out, wakes)) => {
                println!("case {msg:?}: got {out:?} after {wakes} wakeups");
                assert_eq!(out, msg);
                assert_eq!(wakes, ticks as usize);
                passed += 1;
            }
            None => println!("case {msg:?}: did not complete"),
        }
    }
    println!("{passed}/{} cases passed", cases.len());
    assert_eq!(passed, cases.len());
}
