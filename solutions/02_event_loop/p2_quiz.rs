// Quiz: your own event loop, with a clock
//
// The whole phase in one program: an event loop (one thread plus a queue of
// tasks ready to continue), wakers that put tasks back in that queue, a
// future written by hand, and a tiny reactor for timers. The clock is
// virtual: when no task is ready, the loop jumps the clock to the earliest
// timer and wakes the tasks whose time has come. Tasks print a timeline.
//
// Right now every table's order is taken, and then the restaurant closes: no
// task ever comes back after its `.await`. More than one piece of the
// machinery is missing; the runner's messages and the timeline it prints are
// your clues.
//
// Done when the timeline shows the three tables served at 10, 20 and 30 ms,
// by one thread, while each dish cooked.

use std::cmp::Reverse;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The loop: the clock, the queue of ready tasks, the timers (who waits for when).
struct Loop {
    now: u64,
    ready: VecDeque<Arc<Task>>,
    timers: Vec<(u64, Waker)>,
}
static LOOP: Mutex<Loop> = Mutex::new(Loop {
    now: 0,
    ready: VecDeque::new(),
    timers: Vec::new(),
});
fn the_loop() -> MutexGuard<'static, Loop> {
    LOOP.lock().unwrap() // never hold this while polling or waking: one at a time
}

struct Task(Mutex<BoxFuture>); // each task is polled until Ready, never after

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        the_loop().ready.push_back(self);
    }
}

fn spawn(future: impl Future<Output = ()> + Send + 'static) {
    let task = Task(Mutex::new(Box::pin(future)));
    the_loop().ready.push_back(Arc::new(task));
}

/// A timer: a future that is ready once the clock reaches the time inside.
struct Sleep(u64);

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut the_loop = the_loop();
        if the_loop.now >= self.0 {
            return Poll::Ready(());
        }
        the_loop.timers.push((self.0, cx.waker().clone()));
        Poll::Pending
    }
}

fn sleep(ms: u64) -> Sleep {
    Sleep(the_loop().now + ms)
}

fn run() {
    loop {
        let next = the_loop().ready.pop_front();
        if let Some(task) = next {
            let waker = Waker::from(task.clone());
            let mut future = task.0.lock().unwrap();
            let _ = future.as_mut().poll(&mut Context::from_waker(&waker));
            continue;
        }
        // Nothing is ready: jump the clock to the earliest timer, wake its task.
        let mut the_loop = the_loop();
        the_loop.timers.sort_by_key(|(at, _)| Reverse(*at));
        let Some((at, waker)) = the_loop.timers.pop() else {
            return; // nothing ready, nothing waiting: all done
        };
        the_loop.now = at;
        drop(the_loop); // let go of the loop before waking (wake locks it)
        waker.wake();
    }
}

fn log(what: String) {
    println!("{:>3} ms  {what}", the_loop().now);
}

async fn table(n: u32, cooking_ms: u64) {
    log(format!("table {n}: order taken"));
    sleep(cooking_ms).await;
    log(format!("table {n}: served"));
}

fn main() {
    spawn(table(1, 30));
    spawn(table(2, 10));
    spawn(table(3, 20));
    run();
    log("closed".to_string());
}
