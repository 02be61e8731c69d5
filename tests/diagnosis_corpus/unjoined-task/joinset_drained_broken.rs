// Makes a thumbnail of every photo, each in a task of its own.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

async fn make_thumbnail(photo: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(10)).await;
    photo.len() * 100
}

#[tokio::main]
async fn main() {
    let made = Arc::new(AtomicUsize::new(0));
    for photo in ["beach.jpg", "forest.jpg", "city.jpg"] {
        let made = Arc::clone(&made);
        tokio::spawn(async move {
            let bytes = make_thumbnail(photo).await;
            println!("{photo}: {bytes} bytes");
            made.fetch_add(1, Ordering::SeqCst);
        });
    }
    println!("{} thumbnails made", made.load(Ordering::SeqCst));
}
