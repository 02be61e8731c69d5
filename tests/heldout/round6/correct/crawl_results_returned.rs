use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::timeout;

#[derive(Debug)]
struct PageResult {
    url: String,
    bytes: usize,
}

/// Collects crawl results until the workers are done or nothing arrives
/// for `idle`; all collected results are returned to the caller.
async fn collect_results(mut rx: mpsc::Receiver<PageResult>, idle: Duration) -> Vec<PageResult> {
    let mut results = Vec::new();
    loop {
        match timeout(idle, rx.recv()).await {
            Ok(Some(page)) => results.push(page),
            Ok(None) => break,
            Err(_elapsed) => {
                eprintln!("no results for {idle:?}, stopping");
                break;
            }
        }
    }
    results
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(8);
    for w in 0..3 {
        let tx = tx.clone();
        tokio::spawn(async move {
            for p in 0..5 {
                let url = format!("https://example.org/w{w}/page{p}");
                let bytes = url.len() * 100;
                tx.send(PageResult { url, bytes }).await.unwrap();
            }
        });
    }
    drop(tx);
    let results = collect_results(rx, Duration::from_secs(1)).await;
    let total: usize = results.iter().map(|r| r.bytes).sum();
    println!("pages collected: {} of 15 ({total} bytes, first {:?})", results.len(), results.first().map(|r| &r.url));
}
