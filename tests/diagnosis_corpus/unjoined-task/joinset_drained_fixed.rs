// corpus: run
// Makes a thumbnail of every photo, each in a task of its own.
use std::time::Duration;
use tokio::task::JoinSet;

async fn make_thumbnail(photo: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(10)).await;
    photo.len() * 100
}

#[tokio::main]
async fn main() {
    let mut thumbnails = JoinSet::new();
    for photo in ["beach.jpg", "forest.jpg", "city.jpg"] {
        thumbnails.spawn(async move {
            let bytes = make_thumbnail(photo).await;
            println!("{photo}: {bytes} bytes");
        });
    }
    let mut made = 0;
    while let Some(done) = thumbnails.join_next().await {
        done.expect("a thumbnail task failed");
        made += 1;
    }
    println!("{made} thumbnails made");
}
