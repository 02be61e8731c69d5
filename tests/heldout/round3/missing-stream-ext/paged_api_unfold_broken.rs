use futures::stream::{self, Stream};
use tokio::time::{sleep, Duration};

#[derive(Debug, Clone)]
struct Order {
    id: u32,
    total_cents: u64,
}

async fn fetch_page(page: u32) -> Vec<Order> {
    sleep(Duration::from_millis(10)).await;
    if page >= 4 {
        return Vec::new();
    }
    (0..3).map(|i| Order { id: page * 3 + i, total_cents: 1_000 + (page * 3 + i) as u64 * 250 }).collect()
}

fn all_orders() -> impl Stream<Item = Vec<Order>> {
    stream::unfold(0u32, |page| async move {
        let orders = fetch_page(page).await;
        if orders.is_empty() { None } else { Some((orders, page + 1)) }
    })
}

#[tokio::main]
async fn main() {
    let pages: Vec<Vec<Order>> = all_orders().take(10).collect().await;
    let orders: Vec<Order> = pages.into_iter().flatten().collect();
    let revenue: u64 = orders.iter().map(|o| o.total_cents).sum();
    println!("{} orders, revenue {}.{:02} EUR", orders.len(), revenue / 100, revenue % 100);
    println!("last order: #{}", orders.last().map(|o| o.id).unwrap_or(0));
}
