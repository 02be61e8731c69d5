// corpus: run
use std::time::Duration;

struct Ledger {
    name: String,
}

impl Ledger {
    async fn append_entry(&self, entry: &str) {
        tokio::time::sleep(Duration::from_millis(2)).await;
        println!("{}: {entry}", self.name);
    }
}

async fn close_books(ledger: &Ledger, day: u32) {
    println!("closing day {day}");
    let _ = ledger.append_entry("books closed");
}

#[tokio::main]
async fn main() {
    let ledger = Ledger { name: "shop".into() };
    ledger.append_entry("opened").await;
    close_books(&ledger, 3).await;
}
