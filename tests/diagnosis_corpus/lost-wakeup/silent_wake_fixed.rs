// corpus: run
// A tiny executor: tasks wait in a ready queue; a woken task goes back in.
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

type Job = Pin<Box<dyn Future<Output = ()> + Send>>;

struct Task {
    job: Mutex<Option<Job>>,
    queue: Sender<Arc<Task>>,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        // The bell puts the task back in the ready queue.
        let queue = self.queue.clone();
        let _ = queue.send(self);
    }
}

/// Ready after a thread has slept `ms`, then rings the waker it was given.
fn delay(ms: u64) -> impl Future<Output = ()> {
    let state: Arc<Mutex<(bool, Option<Waker>)>> = Arc::default();
    let s = state.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(ms));
        let mut s = s.lock().unwrap();
        s.0 = true;
        if let Some(w) = s.1.take() {
            w.wake();
        }
    });
    std::future::poll_fn(move |cx: &mut Context<'_>| {
        let mut s = state.lock().unwrap();
        if s.0 {
            Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })
}

fn main() {
    let (queue, ready) = channel::<Arc<Task>>();
    let done = Arc::new(Mutex::new(0));
    for i in 0..3 {
        let done = done.clone();
        let job: Job = Box::pin(async move {
            delay(10 * (i + 1)).await;
            *done.lock().unwrap() += 1;
        });
        let task = Arc::new(Task { job: Mutex::new(Some(job)), queue: queue.clone() });
        queue.send(task).unwrap();
    }
    while *done.lock().unwrap() < 3 {
        let task = ready.recv().unwrap();
        let mut slot = task.job.lock().unwrap();
        if let Some(mut job) = slot.take() {
            let waker = Waker::from(task.clone());
            if job.as_mut().poll(&mut Context::from_waker(&waker)).is_pending() {
                *slot = Some(job);
            }
        }
    }
    println!("3 tasks done");
}
