// Media transcoder queue: a worker takes jobs from the queue and
// transcodes them, printing a progress line every 25 ms.
use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug)]
struct Job {
    file: String,
    seconds: u64,
}

async fn transcode(job: &Job) {
    // roughly 5 ms of work per second of video
    tokio::time::sleep(Duration::from_millis(job.seconds * 5)).await;
}

#[tokio::main]
async fn main() {
    let (tx, mut jobs) = mpsc::channel::<Job>(16);
    for (i, secs) in [2u64, 9, 3, 7, 4, 8, 2, 6].into_iter().enumerate() {
        tx.send(Job { file: format!("clip{i}.mp4"), seconds: secs }).await.unwrap();
    }
    drop(tx);

    let mut done: Vec<String> = Vec::new();
    let mut progress = tokio::time::interval(Duration::from_millis(25));
    loop {
        tokio::select! {
            finished = async {
                let job = jobs.recv().await?;
                transcode(&job).await;
                Some(job)
            } => match finished {
                Some(job) => done.push(job.file),
                None => break,
            },
            _ = progress.tick() => println!("progress: {} files done", done.len()),
        }
    }
    println!("queue drained: transcoded {} of 8 files: {:?}", done.len(), done);
}
