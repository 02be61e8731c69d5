// Crawler over an in-memory site graph: each crawl worker walks its own
// section breadth-first, skipping blocked paths.
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

type Graph = Arc<HashMap<&'static str, Vec<&'static str>>>;

async fn fetch_links(graph: &Graph, page: &str) -> Vec<&'static str> {
    tokio::time::sleep(Duration::from_millis(5)).await;
    graph.get(page).cloned().unwrap_or_default()
}

async fn crawl_section(graph: Graph, root: &'static str) -> usize {
    let blocked: Rc<HashSet<&str>> = Rc::new(["/admin", "/cart"].into_iter().collect());
    let mut seen = HashSet::from([root]);
    let mut queue = VecDeque::from([root]);
    while let Some(page) = queue.pop_front() {
        for link in fetch_links(&graph, page).await {
            if !blocked.contains(link) && seen.insert(link) {
                queue.push_back(link);
            }
        }
    }
    seen.len()
}

#[tokio::main]
async fn main() {
    let graph: Graph = Arc::new(HashMap::from([
        ("/docs", vec!["/docs/install", "/docs/api", "/admin"]),
        ("/docs/api", vec!["/docs/api/v1", "/docs/api/v2", "/docs"]),
        ("/shop", vec!["/shop/shoes", "/cart", "/shop/hats"]),
        ("/shop/hats", vec!["/shop/hats/red", "/cart"]),
    ]));
    let mut workers = Vec::new();
    for root in ["/docs", "/shop"] {
        workers.push((root, tokio::spawn(crawl_section(graph.clone(), root))));
    }
    for (root, w) in workers {
        println!("{root}: {} pages", w.await.unwrap());
    }
}
