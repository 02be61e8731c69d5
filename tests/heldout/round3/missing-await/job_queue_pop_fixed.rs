use std::collections::VecDeque;
use std::sync::Arc;
use tokio::sync::Mutex;

#[derive(Debug, Clone)]
struct Job {
    id: u32,
    payload: String,
}

#[derive(Clone, Default)]
struct JobQueue {
    inner: Arc<Mutex<VecDeque<Job>>>,
}

impl JobQueue {
    async fn push(&self, job: Job) {
        self.inner.lock().await.push_back(job);
    }

    async fn pop(&self) -> Option<Job> {
        self.inner.lock().await.pop_front()
    }
}

#[tokio::main]
async fn main() {
    let queue = JobQueue::default();
    for id in 1..=5 {
        queue.push(Job { id, payload: format!("resize image {id}") }).await;
    }

    let worker_queue = queue.clone();
    let worker = tokio::spawn(async move {
        let mut done = Vec::new();
        loop {
            let next = worker_queue.pop().await;
            match next {
                Some(job) => {
                    println!("job {} -> {}", job.id, job.payload);
                    done.push(job.id);
                }
                None => break,
            }
        }
        done
    });

    let done = worker.await.unwrap();
    println!("processed {} jobs", done.len());
    assert_eq!(done, vec![1, 2, 3, 4, 5]);
}
