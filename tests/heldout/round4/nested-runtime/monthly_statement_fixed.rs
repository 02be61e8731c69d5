// Bank ledger: the statement formatter is old synchronous code; it pulls
// the month's entries out of the async ledger by itself.
use std::sync::Arc;
use tokio::sync::RwLock;

struct Ledger {
    entries: RwLock<Vec<(String, &'static str, i64)>>,
}

impl Ledger {
    async fn entries_for(&self, month: &str) -> Vec<(&'static str, i64)> {
        self.entries
            .read()
            .await
            .iter()
            .filter(|(date, _, _)| date.starts_with(month))
            .map(|(_, memo, amount)| (*memo, *amount))
            .collect()
    }
}

fn monthly_statement(ledger: &Ledger, month: &str) -> String {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let entries = rt.block_on(ledger.entries_for(month));
    let mut out = format!("Statement {month}\n");
    let mut balance = 0;
    for (memo, amount) in entries {
        balance += amount;
        out.push_str(&format!("  {memo:<12} {amount:>7}  {balance:>7}\n"));
    }
    out
}

#[tokio::main]
async fn main() {
    let ledger = Arc::new(Ledger { entries: RwLock::new(Vec::new()) });
    for (date, memo, amount) in [
        ("2024-04-30", "rent", -900),
        ("2024-05-01", "salary", 3200),
        ("2024-05-03", "groceries", -84),
        ("2024-05-09", "refund", 25),
        ("2024-06-01", "salary", 3200),
    ] {
        ledger.entries.write().await.push((date.to_string(), memo, amount));
    }
    let l = ledger.clone();
    let text = tokio::task::spawn_blocking(move || monthly_statement(&l, "2024-05")).await.unwrap();
    print!("{text}");
}
