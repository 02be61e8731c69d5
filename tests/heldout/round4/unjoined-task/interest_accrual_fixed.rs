// Bank ledger: at month end, accrue interest on every savings account
// (each account's rate lookup is a separate call), then publish the
// month-end summary and print the balances.
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

async fn rate_for(account: &str) -> f64 {
    // the rate service is slower for premium accounts
    let delay = if account.starts_with("premium") { 80 } else { 10 };
    tokio::time::sleep(Duration::from_millis(delay)).await;
    if account.starts_with("premium") { 0.03 } else { 0.01 }
}

async fn publish_summary(n: usize) {
    tokio::time::sleep(Duration::from_millis(30)).await;
    println!("summary published for {n} accounts");
}

#[tokio::main]
async fn main() {
    let balances = Arc::new(Mutex::new(BTreeMap::from([
        ("basic-001".to_string(), 1000.0),
        ("basic-002".to_string(), 250.0),
        ("premium-001".to_string(), 50_000.0),
        ("premium-002".to_string(), 12_000.0),
    ])));
    let accounts: Vec<String> = balances.lock().await.keys().cloned().collect();
    let mut jobs = tokio::task::JoinSet::new();
    for account in accounts.clone() {
        let balances = balances.clone();
        jobs.spawn(async move {
            let rate = rate_for(&account).await;
            let mut b = balances.lock().await;
            let bal = b.get_mut(&account).unwrap();
            *bal += (*bal * rate * 100.0).round() / 100.0;
        });
    }
    publish_summary(accounts.len()).await;
    while let Some(res) = jobs.join_next().await {
        res.unwrap();
    }
    for (acct, bal) in balances.lock().await.iter() {
        println!("{acct}: {bal:.2}");
    }
}
