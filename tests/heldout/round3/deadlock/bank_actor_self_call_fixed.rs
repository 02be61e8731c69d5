use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};

enum Msg {
    Balance { account: String, reply: oneshot::Sender<i64> },
    Withdraw { account: String, amount: i64, reply: oneshot::Sender<Result<i64, String>> },
}

#[derive(Clone)]
struct BankHandle {
    tx: mpsc::Sender<Msg>,
}

impl BankHandle {
    async fn balance(&self, account: &str) -> i64 {
        let (reply, rx) = oneshot::channel();
        self.tx.send(Msg::Balance { account: account.into(), reply }).await.unwrap();
        rx.await.unwrap()
    }
    async fn withdraw(&self, account: &str, amount: i64) -> Result<i64, String> {
        let (reply, rx) = oneshot::channel();
        self.tx.send(Msg::Withdraw { account: account.into(), amount, reply }).await.unwrap();
        rx.await.unwrap()
    }
}

async fn bank(mut inbox: mpsc::Receiver<Msg>, _me: BankHandle) {
    let mut accounts: HashMap<String, i64> = HashMap::from([("alice".into(), 120), ("bob".into(), 15)]);
    while let Some(msg) = inbox.recv().await {
        match msg {
            Msg::Balance { account, reply } => {
                let _ = reply.send(*accounts.get(&account).unwrap_or(&0));
            }
            Msg::Withdraw { account, amount, reply } => {
                let current = *accounts.get(&account).unwrap_or(&0);
                let result = if current >= amount {
                    accounts.insert(account, current - amount);
                    Ok(current - amount)
                } else {
                    Err(format!("insufficient funds: {current} < {amount}"))
                };
                let _ = reply.send(result);
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(16);
    let handle = BankHandle { tx };
    tokio::spawn(bank(rx, handle.clone()));

    println!("alice withdraws 50: {:?}", handle.withdraw("alice", 50).await);
    println!("bob withdraws 40: {:?}", handle.withdraw("bob", 40).await);
    println!("alice now has {}", handle.balance("alice").await);
}
