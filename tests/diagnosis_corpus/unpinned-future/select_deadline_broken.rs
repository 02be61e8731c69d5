// corpus: run
// A download raced against a progress tick, in a loop: each turn races
// `&mut` to the same download, so that it is not restarted.
use std::time::Duration;

async fn download(size: u32) -> u32 {
    tokio::time::sleep(Duration::from_millis(40)).await;
    size * 2
}

#[tokio::main]
async fn main() {
    let mut fut = download(21);
    let mut ticks = 0;
    let bytes = loop {
        tokio::select! {
            bytes = &mut fut => break bytes,
            _ = tokio::time::sleep(Duration::from_millis(10)) => ticks += 1,
        }
    };
    assert_eq!(bytes, 42);
    println!("{bytes} bytes after {ticks} ticks");
}
