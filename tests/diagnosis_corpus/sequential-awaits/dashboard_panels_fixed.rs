use std::time::{Duration, Instant};

async fn load_orders(user: u32) -> Vec<u32> {
    tokio::time::sleep(Duration::from_millis(400)).await;
    vec![user * 10, user * 10 + 1]
}

async fn load_profile(user: u32) -> String {
    tokio::time::sleep(Duration::from_millis(400)).await;
    format!("user-{user}")
}

async fn load_notifications(user: u32) -> usize {
    tokio::time::sleep(Duration::from_millis(400)).await;
    (user % 7) as usize
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let user = 42;
    let (orders, profile, unread) = tokio::join!(
        load_orders(user),
        load_profile(user),
        load_notifications(user)
    );
    println!("{profile}: {} orders, {unread} unread", orders.len());
    println!("dashboard rendered in {:?}", start.elapsed());
}
