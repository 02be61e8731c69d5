// The waker: who calls you back?
//
// When a future answers `Poll::Pending`, the event loop does not poll it
// again on its own: the task leaves the queue of tasks ready to continue and
// comes back only when someone calls its waker. So "not yet" needs a plan:
// whoever finishes the work must be able to find the task's waker, and call
// it then. A future that answers Pending and leaves no way to wake it is
// forgotten: its task hangs forever (a lost wakeup).
//
// `Timer::new(ms)` starts a thread that sleeps, then marks the timer done.
// `poll` checks the mark. Today the program hangs: the mark is set, and the
// task never hears of it.
//
// What to fix: make sure the task is woken when the time is up, and only
// then.
//
// Done when the test passes: a 50 ms timer is noticed after about 50 ms.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

#[derive(Default)]
struct Shared {
    done: bool,
    waker: Option<Waker>,
}

struct Timer(Arc<Mutex<Shared>>);

impl Timer {
    fn new(ms: u64) -> Timer {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let state = shared.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(ms));
            let mut state = state.lock().unwrap();
            state.done = true;
            if let Some(waker) = state.waker.take() {
                waker.wake(); // back in the ready queue
            }
        });
        Timer(shared)
    }
}

impl Future for Timer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.0.lock().unwrap();
        if state.done {
            return Poll::Ready(());
        }
        state.waker = Some(cx.waker().clone()); // "call me when it's time"
        Poll::Pending
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    Timer::new(50).await;
    println!("ding!");
}

#[tokio::test(flavor = "current_thread")]
async fn the_timer_wakes_its_task() {
    let (mut timer, mut polls) = (Timer::new(50), 0);
    let counted = std::future::poll_fn(|cx| {
        polls += 1;
        Pin::new(&mut timer).poll(cx)
    });
    let start = std::time::Instant::now();
    let _ = tokio::time::timeout(Duration::from_secs(2), counted).await;
    let ms = start.elapsed().as_millis();
    assert!(
        ms < 1000,
        "the 50 ms timer was noticed only after {ms} ms: poll answered Pending but \
         nobody called the waker, so the loop never polled the task again (only \
         the 2 s timeout, by luck, made it look once more)"
    );
    assert!(
        polls <= 5,
        "the timer was polled {polls} times in {ms} ms: its task was woken at once, \
         again and again (a busy loop that keeps the thread spinning), not when the \
         time was up. Leave the waker for the timer thread, and let that thread wake it"
    );
}
