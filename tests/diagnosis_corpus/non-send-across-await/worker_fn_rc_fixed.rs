// corpus: run
use std::sync::Arc;

async fn worker(name: String) -> usize {
    let shared_name = Arc::new(name);
    tokio::task::yield_now().await;
    shared_name.len()
}

#[tokio::main]
async fn main() {
    let handle = tokio::spawn(worker("inventory".to_string()));
    println!("{}", handle.await.unwrap());
}
