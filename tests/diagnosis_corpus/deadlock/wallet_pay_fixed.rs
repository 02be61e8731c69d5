// corpus: run
// Two wallets pay each other at the same time; every payment locks the two
// wallets in one agreed order (by owner), whoever pays.
use std::time::Duration;
use tokio::sync::Mutex;

struct Wallet {
    owner: u8,
    coins: Mutex<i64>,
}

impl Wallet {
    async fn pay(&self, other: &Wallet, amount: i64) {
        let payer_first = self.owner < other.owner;
        let (first, second) = if payer_first {
            (self, other)
        } else {
            (other, self)
        };
        let mut a = first.coins.lock().await;
        tokio::time::sleep(Duration::from_millis(20)).await; // checking the balance
        let mut b = second.coins.lock().await;
        if payer_first {
            *a -= amount;
            *b += amount;
        } else {
            *b -= amount;
            *a += amount;
        }
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
