// corpus: run
// Uploads a photo and its thumbnail, then reports how many bytes went up.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

static UPLOADED: AtomicUsize = AtomicUsize::new(0);

async fn upload(name: &str, bytes: usize) {
    tokio::time::sleep(Duration::from_millis(5)).await;
    UPLOADED.fetch_add(bytes, Ordering::SeqCst);
    println!("uploaded {name}");
}

#[tokio::main]
async fn main() {
    let photo = upload("photo.jpg", 5_000);
    let thumbnail = upload("thumb.jpg", 300);
    tokio::join!(photo, thumbnail);
    println!("{} bytes uploaded", UPLOADED.load(Ordering::SeqCst));
}
