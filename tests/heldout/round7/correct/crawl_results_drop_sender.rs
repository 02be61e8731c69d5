// Scraper: each site gets its own worker; the results channel must close once
// the last worker finishes so the aggregation loop can end.
use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

async fn scrape(site: &'static str, pages: u32, out: mpsc::Sender<(String, u32)>) {
    for p in 1..=pages {
        sleep(Duration::from_millis(5 * p as u64)).await;
        let price = site.len() as u32 * 100 + p;
        if out.send((format!("{site}/page/{p}"), price)).await.is_err() {
            return;
        }
    }
}

fn start_workers(sites: &[(&'static str, u32)]) -> mpsc::Receiver<(String, u32)> {
    let (results_tx, results_rx) = mpsc::channel(16);
    for &(site, pages) in sites {
        tokio::spawn(scrape(site, pages, results_tx.clone()));
    }
    drop(results_tx);
    results_rx
}

#[tokio::main]
async fn main() {
    let mut results = start_workers(&[("books.example", 3), ("toys.example", 2), ("garden.example", 4)]);
    let mut cheapest: Option<(String, u32)> = None;
    let mut seen = 0;
    while let Some((url, price)) = results.recv().await {
        seen += 1;
        if cheapest.as_ref().map_or(true, |(_, p)| price < *p) {
            cheapest = Some((url, price));
        }
    }
    println!("scraped {seen} pages, cheapest: {:?}", cheapest);
}
