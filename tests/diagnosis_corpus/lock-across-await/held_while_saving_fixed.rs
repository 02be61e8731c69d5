// corpus: run
// Every deposit updates the balance and saves it; the lock stays held while
// the balance is saved, so that the saves happen in the order of the updates.
use std::sync::Mutex;
use std::time::Duration;

struct Account {
    balance: tokio::sync::Mutex<i64>,
    saved: Mutex<Vec<i64>>,
}

impl Account {
    async fn save(&self, balance: i64) {
        tokio::time::sleep(Duration::from_millis(5)).await;
        self.saved.lock().unwrap().push(balance);
    }

    async fn deposit(&self, amount: i64) {
        let mut balance = self.balance.lock().await;
        *balance += amount;
        self.save(*balance).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let account = Account {
        balance: tokio::sync::Mutex::new(100),
        saved: Mutex::new(Vec::new()),
    };
    tokio::join!(account.deposit(10), account.deposit(20));
    println!("saved balances: {:?}", account.saved.lock().unwrap());
}
