use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Ledger = Arc<Mutex<HashMap<&'static str, i64>>>;

async fn notify_fraud_desk(from: &str, amount: i64) {
    tokio::time::sleep(Duration::from_millis(5)).await;
    println!("fraud desk notified: {from} moved {amount}");
}

async fn transfer(ledger: Ledger, from: &'static str, to: &'static str, amount: i64) {
    let mut accounts = ledger.lock().unwrap();
    if amount > 500 {
        notify_fraud_desk(from, amount).await;
    }
    *accounts.get_mut(from).expect("unknown account") -= amount;
    *accounts.entry(to).or_insert(0) += amount;
}

#[tokio::main]
async fn main() {
    let ledger: Ledger = Arc::new(Mutex::new(HashMap::from([
        ("alice", 1000),
        ("bob", 250),
        ("carol", 0),
    ])));

    let mut handles = Vec::new();
    for (from, to, amount) in [("alice", "bob", 700), ("bob", "carol", 100), ("alice", "carol", 50)] {
        handles.push(tokio::spawn(transfer(ledger.clone(), from, to, amount)));
    }
    for h in handles {
        h.await.unwrap();
    }

    let accounts = ledger.lock().unwrap();
    let mut names: Vec<_> = accounts.keys().copied().collect();
    names.sort();
    for n in names {
        println!("{n:>6}: {}", accounts[n]);
    }
}
