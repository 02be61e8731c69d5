// Build the loop
//
// The event loop is a library, not magic. Its heart is what you build here:
// one thread, a queue of tasks ready to continue, and a loop that takes the
// next ready task and polls it once. A task that answers `Pending` leaves the
// queue; its waker puts it back when it can go on. With `std::task::Wake`, an
// `Arc<Task>` can become a `Waker`, and waking that waker calls your `wake`.
// The queue is a channel: any thread may wake a task, and
// the loop sleeps in `recv` while nothing is ready. No tokio here: std only.
//
// What to fix: the two TODOs. `run` must poll each task it takes out of the
// queue; `wake` must put the task back in the queue.
//
// Done when three tasks take turns: a0 b0 c0 a1 b1 c1 a2 b2 c2, and a task
// that nobody wakes is polled once, not again and again.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

struct Task {
    future: Mutex<Option<BoxFuture>>, // None once it has finished
    queue: Sender<Arc<Task>>,         // the ready queue it goes back to
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        // TODO: this task can go on: put it back in the ready queue.
    }
}

/// The event loop: polls ready tasks until every task has finished.
fn run(tasks: Vec<BoxFuture>) {
    let (queue, ready) = channel();
    for future in tasks {
        let (future, queue) = (Mutex::new(Some(future)), queue.clone());
        let task = Arc::new(Task { future, queue });
        task.queue.send(task.clone()).unwrap();
    }
    drop(queue); // from now on, only wakers refill the queue
    while let Ok(task) = ready.recv() {
        let mut slot = task.future.lock().unwrap();
        if let Some(mut future) = slot.take() {
            // TODO: poll the future once, with a waker made from this task.
            //       Still Pending? Put it back in its slot: its waker will bring it back.
        }
    }
}

/// Gives the turn: answers Pending once, asking to be polled again.
async fn yield_now() {
    let mut yielded = false;
    poll_fn(|cx| {
        if std::mem::replace(&mut yielded, true) {
            return Poll::Ready(());
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

/// Three tasks, three steps each, an `.await` after every step.
fn turns() -> String {
    let log = Arc::new(Mutex::new(vec![]));
    let task = |name: &'static str| -> BoxFuture {
        let log = log.clone();
        Box::pin(async move {
            for step in 0..3 {
                log.lock().unwrap().push(format!("{name}{step}"));
                yield_now().await;
            }
        })
    };
    run(vec![task("a"), task("b"), task("c")]);
    let log = log.lock().unwrap().join(" ");
    log
}

fn main() {
    println!("{}", turns());
}

#[test]
fn three_tasks_take_turns() {
    let why = "each task must go on after its .await: when it answers Pending, \
               its waker must put it back in the queue, and run must poll it";
    assert_eq!(turns(), "a0 b0 c0 a1 b1 c1 a2 b2 c2", "{why}");
}

#[test]
fn a_task_nobody_wakes_is_polled_once() {
    use std::sync::atomic::{AtomicU32, Ordering};
    let polls = Arc::new(AtomicU32::new(0));
    let counter = polls.clone();
    let never_woken: BoxFuture = Box::pin(poll_fn(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        Poll::Pending // and no waker is kept or called
    }));
    let (ended, end) = channel();
    std::thread::spawn(move || {
        run(vec![never_woken]);
        let _ = ended.send(());
    });
    let _ = end.recv_timeout(std::time::Duration::from_secs(1));
    let n = polls.load(Ordering::SeqCst);
    let why = if n == 0 {
        "run never polled the task it took out of the queue"
    } else {
        "a task that answered Pending was polled again although nobody woke it: the \
         loop must leave it alone until its waker puts it back in the queue (polling \
         it again and again is a busy loop)"
    };
    assert_eq!(n, 1, "the task was polled {n} times: {why}");
}
