// corpus: run
//! The kitchen prices each order in a task of its own; a bad order makes
//! its task panic on purpose, and the failure is told, not swallowed: the
//! JoinError is matched and reported, and the program exits 0.
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
    let mut refused = 0;
    while let Some(res) = set.join_next().await {
        match res {
            Ok(p) => total += p,
            Err(e) if e.is_panic() => {
                refused += 1;
                eprintln!("an order could not be priced: {e}");
            }
            Err(e) => eprintln!("an order was cancelled: {e}"),
        }
    }
    println!("total: {total} ({refused} order refused)");
}
