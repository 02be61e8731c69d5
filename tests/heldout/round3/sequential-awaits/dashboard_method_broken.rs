use std::time::Instant;
use tokio::time::{sleep, Duration};

struct Dashboard {
    user: String,
    orders: usize,
    unread: usize,
    plan: String,
}

struct Backend;

impl Backend {
    async fn order_count(&self, _user: &str) -> usize {
        sleep(Duration::from_millis(500)).await; // orders service
        12
    }

    async fn unread_notifications(&self, _user: &str) -> usize {
        sleep(Duration::from_millis(400)).await; // notification service
        3
    }

    async fn plan(&self, _user: &str) -> String {
        sleep(Duration::from_millis(450)).await; // billing service
        "pro".to_string()
    }

    async fn dashboard(&self, user: &str) -> Dashboard {
        let orders = self.order_count(user).await;
        let unread = self.unread_notifications(user).await;
        let plan = self.plan(user).await;
        Dashboard { user: user.to_string(), orders, unread, plan }
    }
}

#[tokio::main]
async fn main() {
    let backend = Backend;
    let started = Instant::now();
    let d = backend.dashboard("grace").await;
    println!("{}: {} orders, {} unread, plan {}", d.user, d.orders, d.unread, d.plan);
    println!("page rendered in {:?}", started.elapsed());
}
