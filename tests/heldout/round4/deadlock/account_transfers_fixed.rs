// Bank ledger: each account has its own lock; a transfer locks both
// accounts, writes the audit line, then moves the money.
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

struct Account {
    id: u32,
    owner: &'static str,
    balance: Mutex<i64>,
}

async fn audit(line: String) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("audit: {line}");
}

async fn transfer(from: Arc<Account>, to: Arc<Account>, amount: i64) {
    let (first, second) = if from.id < to.id { (&from, &to) } else { (&to, &from) };
    let mut a = first.balance.lock().await;
    audit(format!("{} -> {}: {amount}", from.owner, to.owner)).await;
    let mut b = second.balance.lock().await;
    let (src, dst) = if from.id < to.id { (&mut *a, &mut *b) } else { (&mut *b, &mut *a) };
    *src -= amount;
    *dst += amount;
}

#[tokio::main]
async fn main() {
    let alice = Arc::new(Account { id: 1, owner: "alice", balance: Mutex::new(300) });
    let bob = Arc::new(Account { id: 2, owner: "bob", balance: Mutex::new(200) });

    let t1 = tokio::spawn(transfer(alice.clone(), bob.clone(), 50));
    let t2 = tokio::spawn(transfer(bob.clone(), alice.clone(), 20));
    t1.await.unwrap();
    t2.await.unwrap();

    for acct in [&alice, &bob] {
        println!("#{} {}: {}", acct.id, acct.owner, acct.balance.lock().await);
    }
}
