// Scraper: fetch every product link found on a catalogue index. The target
// site bans clients that keep more than 8 connections open.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::time::{sleep, Duration};

const MAX_CONNECTIONS: usize = 8;

#[derive(Default)]
struct ConnStats {
    open: AtomicUsize,
    peak: AtomicUsize,
}

async fn fetch(url: &str, stats: &ConnStats) -> usize {
    let now_open = stats.open.fetch_add(1, Ordering::SeqCst) + 1;
    stats.peak.fetch_max(now_open, Ordering::SeqCst);
    sleep(Duration::from_millis(40)).await; // HTTP GET
    stats.open.fetch_sub(1, Ordering::SeqCst);
    1_000 + url.len()
}

struct Crawler {
    limiter: Arc<Semaphore>,
    stats: Arc<ConnStats>,
}

impl Crawler {
    fn new() -> Self {
        Crawler { limiter: Arc::new(Semaphore::new(MAX_CONNECTIONS)), stats: Arc::default() }
    }

    async fn crawl(&self, links: Vec<String>) -> usize {
        let mut tasks = Vec::with_capacity(links.len());
        for url in links {
            let stats = self.stats.clone();
            let permit = self.limiter.clone().acquire_owned().await.unwrap();
            tasks.push(tokio::spawn(async move {
                let _permit = permit;
                fetch(&url, &stats).await
            }));
        }
        let mut bytes = 0;
        for t in tasks {
            bytes += t.await.unwrap();
        }
        bytes
    }

    fn peak_connections(&self) -> usize {
        self.stats.peak.load(Ordering::SeqCst)
    }
}

fn index_links(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("https://shop.example/p/{i}")).collect()
}

#[tokio::main]
async fn main() {
    let crawler = Crawler::new();
    let bytes = crawler.crawl(index_links(300)).await;
    println!("downloaded {bytes} bytes, peak {} open connections (limit {MAX_CONNECTIONS})", crawler.peak_connections());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn never_exceeds_connection_limit() {
        let crawler = Crawler::new();
        crawler.crawl(index_links(100)).await;
        assert!(crawler.peak_connections() <= MAX_CONNECTIONS, "peak was {}", crawler.peak_connections());
    }
}
