// Crawler over an in-memory site: fetch every page of the sitemap in its
// own task and add its words to the search index.
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Index = Arc<Mutex<BTreeMap<String, Vec<&'static str>>>>;

async fn fetch(site: &HashMap<&'static str, &'static str>, path: &str) -> &'static str {
    tokio::time::sleep(Duration::from_millis(30)).await;
    site.get(path).copied().unwrap_or("")
}

#[tokio::main]
async fn main() {
    let site = Arc::new(HashMap::from([
        ("/", "welcome to the tea shop"),
        ("/green", "green tea from the hills"),
        ("/black", "black tea strong and smoky"),
        ("/about", "a small shop since 1998"),
    ]));
    let index: Index = Arc::new(Mutex::new(BTreeMap::new()));
    let sitemap: Vec<&'static str> = site.keys().copied().collect();

    let handles: Vec<_> = sitemap
        .into_iter()
        .map(|path| {
            let site = site.clone();
            let index = index.clone();
            tokio::spawn(async move {
                let body = fetch(&site, path).await;
                let mut idx = index.lock().unwrap();
                for word in body.split_whitespace() {
                    idx.entry(word.to_string()).or_default().push(path);
                }
            })
        })
        .collect();
    println!("crawling {} pages", handles.len());
    for h in handles {
        h.await.unwrap();
    }

    let idx = index.lock().unwrap();
    println!("index has {} words", idx.len());
    println!("'tea' found on {} pages", idx.get("tea").map_or(0, |pages| pages.len()));
}
