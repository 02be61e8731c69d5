// corpus: run
// Downloads a list of pages into a map; each download waits for the one
// before it, inside the `insert` call of a `for` loop over a Vec of urls.
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
    let mut sizes = HashMap::new();
    for url in &urls {
        sizes.insert(url.clone(), download(url).await.len());
    }
    let waited = clock.elapsed();
    println!("{sizes:?}");
    assert!(
        waited < Duration::from_millis(120),
        "3 downloads took {} ms instead of about 50",
        waited.as_millis()
    );
}
