use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Duration;

/// Waker that unparks the thread running the executor.
struct ThreadWaker(Thread);
impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Run a future to completion, parking the thread between polls.
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => thread::park(),
        }
    }
}

struct Shared {
    value: Option<String>,
    waker: Option<Waker>,
}

/// Future completed by a background thread after some delay.
struct BackgroundJob {
    shared: Arc<Mutex<Shared>>,
}

impl BackgroundJob {
    fn start(input: &'static str) -> Self {
        let shared = Arc::new(Mutex::new(Shared { value: None, waker: None }));
        let s2 = shared.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(50));
            let mut g = s2.lock().unwrap();
            g.value = Some(input.to_uppercase());
            if let Some(w) = g.waker.take() {
                w.wake();
            }
        });
        BackgroundJob { shared }
    }
}

impl Future for BackgroundJob {
    type Output = String;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        let mut g = self.shared.lock().unwrap();
        match g.value.take() {
            Some(v) => Poll::Ready(v),
            None => {
                g.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

fn main() {
    let out = block_on(async {
        let a = BackgroundJob::start("hello").await;
        let b = BackgroundJob::start("world").await;
        format!("{a} {b}")
    });
    println!("{out}");
    assert_eq!(out, "HELLO WORLD");
}
