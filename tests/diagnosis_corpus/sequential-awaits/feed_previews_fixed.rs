// corpus: run
// A feed page fetches a link preview for each post, in the posts' order.
use futures::stream::{self, StreamExt};
use std::time::{Duration, Instant};

async fn fetch_preview(post: u32) -> String {
    tokio::time::sleep(Duration::from_millis(40)).await;
    format!("preview of post {post}")
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let previews: Vec<String> = stream::iter(1..=8).map(fetch_preview).buffered(8).collect().await;
    println!("{} previews in {} ms", previews.len(), started.elapsed().as_millis());
    println!("first: {}", previews[0]);
}
