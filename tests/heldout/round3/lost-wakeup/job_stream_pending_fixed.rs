use futures::{Stream, StreamExt};
use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use tokio::time::{sleep, Duration};

#[derive(Default)]
struct Shared {
    jobs: VecDeque<String>,
    closed: bool,
    waker: Option<Waker>,
}

#[derive(Clone, Default)]
struct JobQueue {
    shared: Arc<Mutex<Shared>>,
}

impl JobQueue {
    fn push(&self, job: &str) {
        let mut s = self.shared.lock().unwrap();
        s.jobs.push_back(job.to_string());
        if let Some(w) = s.waker.take() {
            w.wake();
        }
    }
    fn close(&self) {
        let mut s = self.shared.lock().unwrap();
        s.closed = true;
        if let Some(w) = s.waker.take() {
            w.wake();
        }
    }
}

impl Stream for JobQueue {
    type Item = String;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<String>> {
        let mut s = self.shared.lock().unwrap();
        match s.jobs.pop_front() {
            Some(job) => Poll::Ready(Some(job)),
            None if s.closed => Poll::Ready(None),
            None => {
                s.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let queue = JobQueue::default();
    let mut jobs = queue.clone();
    let worker = tokio::spawn(async move {
        let mut done = 0;
        while let Some(job) = jobs.next().await {
            println!("worker: {job}");
            done += 1;
        }
        done
    });

    for job in ["send invoice #88", "rebuild search index", "purge cdn"] {
        sleep(Duration::from_millis(20)).await;
        queue.push(job);
    }
    queue.close();
    println!("{} jobs done", worker.await.unwrap());
}
