use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

#[derive(Clone, Default)]
struct AuditLog {
    entries: Arc<Mutex<Vec<String>>>,
}

impl AuditLog {
    async fn record(&self, user: &str, action: &str) {
        let mut entries = self.entries.lock().await;
        entries.push(format!("{user}: {action}"));
    }

    async fn dump(&self) -> Vec<String> {
        self.entries.lock().await.clone()
    }
}

struct AccountService {
    audit: AuditLog,
    balances: HashMap<String, i64>,
}

impl AccountService {
    async fn withdraw(&mut self, user: &str, amount: i64) -> Result<i64, String> {
        let balance = self
            .balances
            .get_mut(user)
            .ok_or_else(|| format!("no account for {user}"))?;
        if *balance < amount {
            self.audit.record(user, &format!("withdrawal of {amount} refused")).await;
            return Err(format!("{user} has only {balance}"));
        }
        *balance -= amount;
        let left = *balance;
        self.audit.record(user, &format!("withdrew {amount}")).await;
        // the core banking system needs a moment to confirm
        tokio::time::sleep(Duration::from_millis(5)).await;
        Ok(left)
    }
}

#[tokio::main]
async fn main() {
    let audit = AuditLog::default();
    let mut svc = AccountService {
        audit: audit.clone(),
        balances: HashMap::from([("dana".to_string(), 120), ("eli".to_string(), 40)]),
    };

    for (user, amount) in [("dana", 100), ("eli", 75), ("dana", 50), ("eli", 30)] {
        match svc.withdraw(user, amount).await {
            Ok(left) => println!("{user} withdrew {amount}, {left} left"),
            Err(e) => println!("refused: {e}"),
        }
    }

    println!("--- audit trail ---");
    for line in audit.dump().await {
        println!("{line}");
    }
}
