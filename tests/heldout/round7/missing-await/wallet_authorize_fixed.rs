// Payment gateway: a charge is authorized only when the customer's wallet covers it.
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::RwLock;
use tokio::time::{sleep, Duration};

#[derive(Debug, PartialEq)]
enum Decision {
    Approved { remaining: u64 },
    Declined { short_by: u64 },
}

struct WalletService {
    balances: Arc<RwLock<HashMap<String, u64>>>,
}

impl WalletService {
    fn with_accounts(accounts: &[(&str, u64)]) -> Self {
        let map = accounts.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        WalletService { balances: Arc::new(RwLock::new(map)) }
    }

    // Simulates a round-trip to the ledger database.
    async fn balance_of(&self, account: &str) -> u64 {
        sleep(Duration::from_millis(5)).await;
        *self.balances.read().await.get(account).unwrap_or(&0)
    }

    async fn authorize(&self, account: &str, amount_cents: u64) -> Decision {
        let available = self.balance_of(account).await;
        if available >= amount_cents {
            Decision::Approved { remaining: available - amount_cents }
        } else {
            Decision::Declined { short_by: amount_cents - available }
        }
    }
}

#[tokio::main]
async fn main() {
    let wallets = WalletService::with_accounts(&[("cus_881", 12_500), ("cus_102", 900)]);
    let charges = [("cus_881", 4_999), ("cus_102", 1_500), ("cus_404", 100)];
    for (account, amount) in charges {
        let decision = wallets.authorize(account, amount).await;
        println!("{account} charge {amount}c -> {decision:?}");
    }
}
