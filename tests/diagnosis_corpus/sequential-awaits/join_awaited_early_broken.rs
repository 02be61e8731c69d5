// The two dishes are meant to cook together, but each is awaited inside
// `join!`: they cook one after another before `join!` gets their results.
use std::time::Duration;
use tokio::time::Instant;

async fn soup() -> u32 {
    tokio::time::sleep(Duration::from_millis(100)).await;
    5
}

async fn bread() -> u32 {
    tokio::time::sleep(Duration::from_millis(100)).await;
    2
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let (a, b) = tokio::join!(soup().await, bread().await);
    let ms = start.elapsed().as_millis();
    println!("{} euros after {ms} ms", a + b);
    assert!(ms < 160, "the two dishes took {ms} ms: they cooked one after another");
}
