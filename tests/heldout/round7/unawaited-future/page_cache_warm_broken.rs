// Storefront: a read-through page cache that is pre-warmed with the hottest pages at boot.
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Mutex;

#[derive(Clone, Default)]
struct PageCache {
    entries: Arc<Mutex<HashMap<String, String>>>,
}

fn render(slug: &str) -> String {
    format!("<html><h1>{}</h1></html>", slug.trim_start_matches('/'))
}

impl PageCache {
    async fn put(&self, slug: &str, html: String) {
        self.entries.lock().await.insert(slug.to_string(), html);
    }

    async fn get(&self, slug: &str) -> Option<String> {
        self.entries.lock().await.get(slug).cloned()
    }

    async fn len(&self) -> usize {
        self.entries.lock().await.len()
    }

    async fn warm(&self, hot: &[&str]) {
        for slug in hot {
            let html = render(slug);
            self.put(slug, html);
        }
    }
}

#[tokio::main]
async fn main() {
    let cache = PageCache::default();
    cache.warm(&["/", "/pricing", "/docs/quickstart"]).await;
    println!("cache warmed with {} pages", cache.len().await);
    for slug in ["/pricing", "/blog"] {
        match cache.get(slug).await {
            Some(_) => println!("{slug}: HIT"),
            None => println!("{slug}: MISS (rendering on demand)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn warm_fills_every_hot_page() {
        let cache = PageCache::default();
        cache.warm(&["/", "/pricing", "/docs/quickstart"]).await;
        assert_eq!(cache.len().await, 3);
        assert!(cache.get("/pricing").await.is_some());
    }
}
