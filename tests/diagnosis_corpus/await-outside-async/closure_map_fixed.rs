// corpus: run
async fn lookup(id: u32) -> String {
    format!("user-{id}")
}

#[tokio::main]
async fn main() {
    let ids = vec![1, 2, 3];
    let names: Vec<String> =
        futures::future::join_all(ids.iter().map(|id| async move { lookup(*id).await })).await;
    println!("{names:?}");
}
