// corpus: run
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

fn render_thumbnails(photos: &[&str], rendered: Arc<AtomicUsize>) -> Vec<JoinHandle<()>> {
    let mut jobs = Vec::new();
    for (i, photo) in photos.iter().enumerate() {
        let rendered = rendered.clone();
        let photo = photo.to_string();
        jobs.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20 + i as u64 * 10)).await;
            println!("thumbnail of {photo} ready");
            rendered.fetch_add(1, Ordering::SeqCst);
        }));
    }
    jobs
}

#[tokio::main]
async fn main() {
    let rendered = Arc::new(AtomicUsize::new(0));
    let photos = ["beach.jpg", "dog.png", "cake.jpg"];
    for job in render_thumbnails(&photos, rendered.clone()) {
        job.await.unwrap();
    }
    println!(
        "{} of {} thumbnails rendered",
        rendered.load(Ordering::SeqCst),
        photos.len()
    );
}
