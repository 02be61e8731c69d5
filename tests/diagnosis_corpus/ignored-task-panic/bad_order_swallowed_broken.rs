// corpus: run
async fn price(order: &str) -> u32 {
    order.parse::<u32>().expect("an order must be a number")
}

#[tokio::main]
async fn main() {
    let mut total = 0;
    for order in ["12", "oops", "30"] {
        let handle = tokio::spawn(async move { price(order).await });
        if let Ok(p) = handle.await {
            total += p;
        }
    }
    println!("total: {total}");
}
