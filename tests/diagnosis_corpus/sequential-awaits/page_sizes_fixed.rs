// corpus: run
// Downloads a list of pages into a map, all at once, with a JoinSet.
use std::collections::HashMap;
use std::time::Duration;

async fn download(url: &str) -> String {
    tokio::time::sleep(Duration::from_millis(50)).await;
    format!("<html>{url}</html>")
}

#[tokio::main]
async fn main() {
    let urls = vec![
        "https://example.org/a".to_string(),
        "https://example.org/b".to_string(),
        "https://example.org/c".to_string(),
    ];
    let clock = tokio::time::Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for url in urls {
        set.spawn(async move {
            let len = download(&url).await.len();
            (url, len)
        });
    }
    let mut sizes = HashMap::new();
    while let Some(done) = set.join_next().await {
        let (url, len) = done.expect("a download task panicked");
        sizes.insert(url, len);
    }
    let waited = clock.elapsed();
    println!("{sizes:?}");
    assert!(
        waited < Duration::from_millis(120),
        "3 downloads took {} ms instead of about 50",
        waited.as_millis()
    );
}
