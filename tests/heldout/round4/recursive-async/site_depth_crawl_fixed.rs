// Crawler over an in-memory site graph: follow links up to a maximum depth
// and count the distinct pages reached.
use std::collections::{HashMap, HashSet};
use std::time::Duration;

struct Site {
    links: HashMap<&'static str, Vec<&'static str>>,
}

impl Site {
    async fn get_links(&self, page: &str) -> Vec<&'static str> {
        tokio::time::sleep(Duration::from_millis(2)).await;
        self.links.get(page).cloned().unwrap_or_default()
    }
}

async fn crawl(site: &Site, page: &'static str, depth: u32, seen: &mut HashSet<&'static str>) {
    if depth == 0 || !seen.insert(page) {
        return;
    }
    for link in site.get_links(page).await {
        Box::pin(crawl(site, link, depth - 1, seen)).await;
    }
}

#[tokio::main]
async fn main() {
    let site = Site {
        links: HashMap::from([
            ("/", vec!["/products", "/blog"]),
            ("/products", vec!["/products/kettle", "/products/mug", "/"]),
            ("/products/kettle", vec!["/reviews/kettle"]),
            ("/blog", vec!["/blog/2024", "/products/mug"]),
            ("/blog/2024", vec!["/blog/2024/brewing", "/blog/2024/water"]),
            ("/blog/2024/water", vec!["/blog/2024/water/ph"]),
        ]),
    };
    for depth in [1, 2, 3, 4] {
        let mut seen = HashSet::new();
        crawl(&site, "/", depth, &mut seen).await;
        println!("depth {depth}: {} pages", seen.len());
    }
}
