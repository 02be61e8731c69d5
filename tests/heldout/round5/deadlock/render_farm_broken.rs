use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug)]
struct RenderJob {
    shot: String,
    frames: u32,
}

#[tokio::main]
async fn main() {
    let shots: Vec<RenderJob> = (1..=10)
        .map(|i| RenderJob { shot: format!("sh{:03}", i * 10), frames: 24 + i * 6 })
        .collect();

    // the farm accepts at most 4 queued jobs
    let (queue, mut farm_rx) = mpsc::channel::<RenderJob>(4);

    for job in shots {
        println!("queueing {} ({} frames)", job.shot, job.frames);
        queue.send(job).await.expect("farm offline");
    }
    drop(queue);

    let farm = tokio::spawn(async move {
        let mut total_frames = 0;
        while let Some(job) = farm_rx.recv().await {
            tokio::time::sleep(Duration::from_millis(job.frames as u64 / 4)).await;
            println!("rendered {}", job.shot);
            total_frames += job.frames;
        }
        total_frames
    });

    let frames = farm.await.unwrap();
    println!("night render done: {frames} frames");
}
