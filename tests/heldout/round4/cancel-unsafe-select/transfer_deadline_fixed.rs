// Bank ledger: transfers must finish within 30 ms or they are reported as
// timed out. Every transfer is written to the (sometimes slow) audit log.
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::timeout;

struct Ledger {
    balances: Mutex<BTreeMap<&'static str, i64>>,
    audit: Mutex<Vec<String>>,
}

impl Ledger {
    async fn write_audit(&self, line: String, latency_ms: u64) {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
        self.audit.lock().await.push(line);
    }

    async fn transfer(&self, from: &'static str, to: &'static str, amount: i64, audit_ms: u64) {
        self.write_audit(format!("{from} -> {to}: {amount}"), audit_ms).await;
        let mut balances = self.balances.lock().await;
        *balances.get_mut(from).unwrap() -= amount;
        *balances.get_mut(to).unwrap() += amount;
    }
}

#[tokio::main]
async fn main() {
    let ledger = Ledger {
        balances: Mutex::new(BTreeMap::from([("ana", 500), ("ben", 300), ("cleo", 200)])),
        audit: Mutex::new(Vec::new()),
    };
    let transfers = [("ana", "ben", 120, 5), ("ben", "cleo", 80, 45), ("cleo", "ana", 50, 10), ("ana", "cleo", 200, 60)];
    for (from, to, amount, audit_ms) in transfers {
        match timeout(Duration::from_millis(30), ledger.transfer(from, to, amount, audit_ms)).await {
            Ok(()) => println!("{from} -> {to} {amount}: ok"),
            Err(_) => println!("{from} -> {to} {amount}: timed out"),
        }
    }
    let balances = ledger.balances.lock().await;
    let total: i64 = balances.values().sum();
    println!("balances: {balances:?}");
    println!("total money: {total} (was 1000), audit entries: {}", ledger.audit.lock().await.len());
}
