// Bank ledger: a store behind a trait with async methods, and a transfer
// that checks the balance before moving money.
use std::collections::HashMap;
use tokio::sync::Mutex;

#[derive(Debug)]
enum LedgerError {
    UnknownAccount(String),
    Insufficient { account: String, balance: i64 },
}

trait Store {
    async fn balance(&self, account: &str) -> Result<i64, LedgerError>;
    async fn apply(&self, account: &str, delta: i64);
}

struct MemStore {
    accounts: Mutex<HashMap<String, i64>>,
}

impl Store for MemStore {
    async fn balance(&self, account: &str) -> Result<i64, LedgerError> {
        let accounts = self.accounts.lock().await;
        accounts
            .get(account)
            .copied()
            .ok_or_else(|| LedgerError::UnknownAccount(account.to_string()))
    }
    async fn apply(&self, account: &str, delta: i64) {
        *self.accounts.lock().await.entry(account.to_string()).or_insert(0) += delta;
    }
}

async fn transfer<S: Store>(store: &S, from: &str, to: &str, amount: i64) -> Result<(), LedgerError> {
    let balance = store.balance(from).await?;
    if balance < amount {
        return Err(LedgerError::Insufficient { account: from.to_string(), balance });
    }
    store.apply(from, -amount).await;
    store.apply(to, amount).await;
    Ok(())
}

#[tokio::main]
async fn main() {
    let store = MemStore {
        accounts: Mutex::new(HashMap::from([("alice".to_string(), 120), ("bob".to_string(), 30)])),
    };
    println!("{:?}", transfer(&store, "alice", "bob", 50).await);
    println!("{:?}", transfer(&store, "bob", "carol", 500).await);
    println!("{:?}", transfer(&store, "dave", "bob", 1).await);
    let accounts = store.accounts.lock().await;
    let mut names: Vec<_> = accounts.keys().collect();
    names.sort();
    for n in names {
        println!("{n}: {}", accounts[n]);
    }
}
