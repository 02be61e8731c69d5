// corpus: run
async fn fetch_price(item: &str) -> u32 {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    item.len() as u32 * 10
}

#[tokio::main]
async fn main() {
    let total = fetch_price("coffee").await + fetch_price("cake").await;
    println!("total: {total}");
}
