// CI runner: the coordinator hands jobs to a worker over a small queue and
// reads the results back over another small queue.
use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug)]
struct JobResult {
    id: u32,
    passed: bool,
}

async fn worker(mut jobs: mpsc::Receiver<u32>, results: mpsc::Sender<JobResult>) {
    while let Some(id) = jobs.recv().await {
        tokio::time::sleep(Duration::from_millis(5)).await; // run the job
        results.send(JobResult { id, passed: id % 4 != 0 }).await.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let (job_tx, job_rx) = mpsc::channel::<u32>(2);
    let (res_tx, mut res_rx) = mpsc::channel::<JobResult>(2);
    tokio::spawn(worker(job_rx, res_tx));

    let job_ids: Vec<u32> = (1..=10).collect();
    let feed = job_ids.clone();
    tokio::spawn(async move {
        for id in feed {
            job_tx.send(id).await.unwrap();
        }
    });

    let mut failed = Vec::new();
    let mut received = 0;
    while let Some(r) = res_rx.recv().await {
        received += 1;
        if !r.passed {
            failed.push(r.id);
        }
    }
    println!("{received}/{} jobs reported, failed: {failed:?}", job_ids.len());
}
