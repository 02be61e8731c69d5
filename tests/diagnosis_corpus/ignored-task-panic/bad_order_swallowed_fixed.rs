// corpus: run
async fn price(order: &str) -> u32 {
    order.parse::<u32>().unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let mut total = 0;
    for order in ["12", "oops", "30"] {
        let handle = tokio::spawn(async move { price(order).await });
        total += handle.await.expect("pricing an order failed");
    }
    println!("total: {total}");
}
