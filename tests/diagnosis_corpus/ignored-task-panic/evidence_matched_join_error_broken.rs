// corpus: run
//! The kitchen prices each order in a task of its own; a bad order makes
//! its task panic, and the total quietly leaves it out.
use tokio::task::JoinSet;

async fn price(order: &'static str) -> u32 {
    tokio::task::yield_now().await;
    order.parse::<u32>().expect("an order must be a number")
}

#[tokio::main]
async fn main() {
    let mut set = JoinSet::new();
    for order in ["12", "oops", "30"] {
        set.spawn(price(order));
    }
    let mut total = 0;
    while let Some(res) = set.join_next().await {
        if let Ok(p) = res {
            total += p;
        }
    }
    println!("total: {total}");
}
