use std::collections::HashMap;
use std::time::{Duration, Instant};

fn make_corpus(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("Doc{i} Rust async Tokio term{} topic{} misc", i % 997, i % 13))
        .collect()
}

async fn build_index(docs: &[String]) -> HashMap<String, Vec<usize>> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (id, doc) in docs.iter().enumerate() {
        if id % 500 == 0 {
            tokio::task::yield_now().await;
        }
        for word in doc.split_whitespace() {
            index.entry(word.to_lowercase()).or_default().push(id);
        }
    }
    index
}

#[tokio::main]
async fn main() {
    let docs = make_corpus(150_000);
    let budget = Duration::from_millis(40);
    let started = Instant::now();

    // nightly rebuild; if it is too slow we keep serving yesterday's index
    match tokio::time::timeout(budget, build_index(&docs)).await {
        Ok(index) => println!(
            "fresh index with {} terms ready after {:?} (budget {budget:?})",
            index.len(),
            started.elapsed()
        ),
        Err(_) => println!(
            "rebuild exceeded {budget:?}; keeping yesterday's index (gave up after {:?})",
            started.elapsed()
        ),
    }
}
