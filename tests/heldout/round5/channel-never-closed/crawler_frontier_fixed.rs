use futures::channel::mpsc;
use futures::StreamExt;
use std::collections::HashSet;
use std::time::Duration;

/// Fake site map: each page links to a few others.
async fn fetch_links(url: &str) -> Vec<String> {
    tokio::time::sleep(Duration::from_millis(5)).await;
    match url {
        "/" => vec!["/docs", "/blog", "/about"],
        "/docs" => vec!["/docs/intro", "/docs/api", "/"],
        "/docs/api" => vec!["/docs/intro"],
        "/blog" => vec!["/blog/2026", "/about"],
        _ => vec![],
    }
    .into_iter()
    .map(String::from)
    .collect()
}

#[tokio::main]
async fn main() {
    let (tx, mut frontier) = mpsc::unbounded::<String>();
    let mut seen = HashSet::new();

    seen.insert("/".to_string());
    tx.unbounded_send("/".to_string()).unwrap();

    let mut crawled = 0;
    let mut queued = 1;
    while let Some(url) = frontier.next().await {
        queued -= 1;
        let links = fetch_links(&url).await;
        crawled += 1;
        println!("crawled {url} ({} links)", links.len());
        for link in links {
            if seen.insert(link.clone()) {
                tx.unbounded_send(link).unwrap();
                queued += 1;
            }
        }
        if queued == 0 {
            break;
        }
    }
    println!("crawl finished: {crawled} pages");
}
