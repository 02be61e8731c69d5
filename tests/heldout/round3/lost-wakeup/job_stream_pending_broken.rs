use futures::{Stream, StreamExt};
use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::time::{sleep, Duration};

#[derive(Default)]
struct Shared {
    jobs: VecDeque<String>,
    closed: bool,
}

#[derive(Clone, Default)]
struct JobQueue {
    shared: Arc<Mutex<Shared>>,
}

impl JobQueue {
    fn push(&self, job: &str) {
        self.shared.lock().unwrap().jobs.push_back(job.to_string());
    }
    fn close(&self) {
        self.shared.lock().unwrap().closed = true;
    }
}

impl Stream for JobQueue {
    type Item = String;
    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<String>> {
        let mut s = self.shared.lock().unwrap();
        match s.jobs.pop_front() {
            Some(job) => Poll::Ready(Some(job)),
            None if s.closed => Poll::Ready(None),
            None => Poll::Pending,
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
