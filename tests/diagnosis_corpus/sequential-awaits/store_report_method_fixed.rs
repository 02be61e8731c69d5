// corpus: run
use std::time::{Duration, Instant};

struct Store {
    id: u32,
}

impl Store {
    async fn sales(&self) -> u32 {
        tokio::time::sleep(Duration::from_millis(60)).await;
        self.id * 10
    }
    async fn returns(&self) -> u32 {
        tokio::time::sleep(Duration::from_millis(60)).await;
        self.id
    }
    async fn stock(&self) -> u32 {
        tokio::time::sleep(Duration::from_millis(60)).await;
        self.id * 3
    }
    async fn report(&self) -> String {
        let (sales, returns, stock) = tokio::join!(self.sales(), self.returns(), self.stock());
        format!("store {}: {sales} sold, {returns} returned, {stock} in stock", self.id)
    }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let store = Store { id: 7 };
    println!("{}", store.report().await);
    println!("report took {:?}", started.elapsed());
}
