// corpus: run
// Two wallets pay each other at the same time. `pay` locks its own coins,
// then the other wallet's: alice pays bob while bob pays alice.
use std::time::Duration;
use tokio::sync::Mutex;

struct Wallet {
    owner: u8,
    coins: Mutex<i64>,
}

impl Wallet {
    async fn pay(&self, other: &Wallet, amount: i64) {
        let mut mine = self.coins.lock().await;
        tokio::time::sleep(Duration::from_millis(20)).await; // checking the balance
        let mut theirs = other.coins.lock().await;
        *mine -= amount;
        *theirs += amount;
    }
}

#[tokio::main]
async fn main() {
    let alice = Wallet {
        owner: 1,
        coins: Mutex::new(40),
    };
    let bob = Wallet {
        owner: 2,
        coins: Mutex::new(40),
    };
    tokio::join!(alice.pay(&bob, 5), bob.pay(&alice, 7));
    println!(
        "{}: {}, {}: {}",
        alice.owner,
        alice.coins.lock().await,
        bob.owner,
        bob.coins.lock().await
    );
}
