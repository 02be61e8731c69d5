use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use tokio::time::{sleep, Duration};

fn links_on(page: &str) -> Vec<String> {
    match page {
        "/" => vec!["/docs".into(), "/blog".into()],
        "/docs" => vec!["/docs/intro".into(), "/".into()],
        "/blog" => vec!["/blog/2024".into(), "/docs".into()],
        _ => vec![],
    }
}

async fn crawl(start: &str, visited: Rc<RefCell<HashSet<String>>>) -> usize {
    let mut frontier = vec![start.to_string()];
    let mut fetched = 0;
    while let Some(page) = frontier.pop() {
        if !visited.borrow_mut().insert(page.clone()) {
            continue;
        }
        sleep(Duration::from_millis(5)).await; // GET page
        fetched += 1;
        frontier.extend(links_on(&page));
    }
    fetched
}

#[tokio::main]
async fn main() {
    let visited = Rc::new(RefCell::new(HashSet::new()));
    let crawler = tokio::spawn(crawl("/", Rc::clone(&visited)));
    let fetched = crawler.await.unwrap();

    let mut pages: Vec<String> = visited.borrow().iter().cloned().collect();
    pages.sort();
    println!("fetched {fetched} pages: {}", pages.join(", "));
}
