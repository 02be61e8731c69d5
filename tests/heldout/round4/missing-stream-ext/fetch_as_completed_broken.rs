// Crawler over an in-memory site: fetch a batch of pages concurrently and
// handle each one as soon as it arrives (fastest first).
use futures::stream::FuturesUnordered;
use std::collections::HashMap;
use std::time::Duration;

type Site = HashMap<&'static str, (&'static str, u64)>;

async fn fetch(site: &Site, path: &'static str) -> (&'static str, Option<&'static str>) {
    let (body, latency) = site.get(path).copied().unwrap_or(("", 5));
    tokio::time::sleep(Duration::from_millis(latency)).await;
    (path, if body.is_empty() { None } else { Some(body) })
}

#[tokio::main]
async fn main() {
    let site = HashMap::from([
        ("/pricing", ("plans and prices", 40)),
        ("/docs", ("getting started guide", 10)),
        ("/status", ("all systems operational", 25)),
    ]);
    let mut in_flight = FuturesUnordered::new();
    for path in ["/pricing", "/docs", "/status", "/careers"] {
        in_flight.push(fetch(&site, path));
    }
    let mut order = Vec::new();
    while let Some((path, body)) = in_flight.next().await {
        match body {
            Some(b) => println!("{path}: {} words", b.split_whitespace().count()),
            None => println!("{path}: not found"),
        }
        order.push(path);
    }
    println!("arrival order: {order:?}");
}
