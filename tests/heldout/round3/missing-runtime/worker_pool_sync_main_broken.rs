use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::time::{sleep, Duration};

struct Thumbnail {
    source: String,
    bytes: u64,
}

async fn render_thumbnail(source: String) -> Thumbnail {
    sleep(Duration::from_millis(40)).await;
    let bytes = 1024 + source.len() as u64 * 37;
    Thumbnail { source, bytes }
}

fn start_workers(sources: Vec<String>, total: Arc<AtomicU64>) -> Vec<tokio::task::JoinHandle<Thumbnail>> {
    sources
        .into_iter()
        .map(|src| {
            let total = Arc::clone(&total);
            tokio::spawn(async move {
                let thumb = render_thumbnail(src).await;
                total.fetch_add(thumb.bytes, Ordering::Relaxed);
                thumb
            })
        })
        .collect()
}

fn main() {
    let sources: Vec<String> = (1..=6).map(|i| format!("uploads/photo_{i}.jpg")).collect();
    let total = Arc::new(AtomicU64::new(0));
    let handles = start_workers(sources, Arc::clone(&total));
    let thumbs: Vec<Thumbnail> = futures::executor::block_on(futures::future::try_join_all(handles)).unwrap();
    for t in &thumbs {
        println!("{} -> {} bytes", t.source, t.bytes);
    }
    println!("total {} bytes", total.load(Ordering::Relaxed));
}
