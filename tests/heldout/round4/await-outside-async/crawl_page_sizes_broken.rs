// Crawler over an in-memory site: fetch each page linked from the home
// page and report its size.
use std::collections::HashMap;
use std::time::Duration;

struct Site {
    pages: HashMap<&'static str, &'static str>,
}

impl Site {
    async fn fetch(&self, path: &str) -> Option<String> {
        tokio::time::sleep(Duration::from_millis(15)).await;
        self.pages.get(path).map(|body| body.to_string())
    }
}

fn links(body: &str) -> Vec<String> {
    body.split_whitespace()
        .filter_map(|w| w.strip_prefix("href=").map(str::to_string))
        .collect()
}

#[tokio::main]
async fn main() {
    let site = Site {
        pages: HashMap::from([
            ("/", "welcome href=/about href=/blog href=/missing"),
            ("/about", "we build crawlers for fun and profit"),
            ("/blog", "post one href=/blog/1 post two"),
        ]),
    };
    let home = site.fetch("/").await.expect("home page");
    let targets = links(&home);
    let sizes: Vec<(String, Option<usize>)> = targets
        .iter()
        .map(|path| (path.clone(), site.fetch(path).await.map(|b| b.len())))
        .collect();
    for (path, size) in sizes {
        match size {
            Some(n) => println!("{path}: {n} bytes"),
            None => println!("{path}: 404"),
        }
    }
}
