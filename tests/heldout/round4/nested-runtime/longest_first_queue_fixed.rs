// Media transcoder queue: probe every queued file for its duration, then
// schedule the longest files first.
use std::time::Duration;

#[derive(Debug, Clone)]
struct Media {
    path: String,
    bitrate_kbps: u64,
    size_kb: u64,
}

async fn probe(m: &Media) -> u64 {
    // pretend to read the container header
    tokio::time::sleep(Duration::from_millis(15)).await;
    m.size_kb * 8 / m.bitrate_kbps
}

async fn schedule(queue: Vec<Media>) -> Vec<(String, u64)> {
    let durations: Vec<u64> = futures::future::join_all(queue.iter().map(|m| probe(m))).await;
    let mut order: Vec<(String, u64)> = queue.into_iter().map(|m| m.path).zip(durations).collect();
    order.sort_by(|a, b| b.1.cmp(&a.1));
    order
}

#[tokio::main]
async fn main() {
    let queue = vec![
        Media { path: "keynote.mp4".into(), bitrate_kbps: 4000, size_kb: 1_800_000 },
        Media { path: "teaser.mp4".into(), bitrate_kbps: 6000, size_kb: 45_000 },
        Media { path: "podcast.m4a".into(), bitrate_kbps: 128, size_kb: 52_000 },
    ];
    let plan = tokio::spawn(schedule(queue)).await.unwrap();
    for (i, (path, secs)) in plan.iter().enumerate() {
        println!("{}. {path} ({}m{:02}s)", i + 1, secs / 60, secs % 60);
    }
}
