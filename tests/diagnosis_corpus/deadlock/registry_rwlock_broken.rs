// corpus: run
// A sign-up task and a clean-up task share a user table and an audit log,
// both behind tokio RwLocks, through differently named clones of the same
// Arcs; they take the two write locks in opposite orders.
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::RwLock;

#[tokio::main]
async fn main() {
    let users = Arc::new(RwLock::new(HashMap::<u32, String>::new()));
    let audit = Arc::new(RwLock::new(Vec::<String>::new()));

    let (table, log) = (Arc::clone(&users), Arc::clone(&audit));
    let signup = tokio::spawn(async move {
        let mut rows = table.write().await;
        tokio::time::sleep(Duration::from_millis(10)).await;
        let mut lines = log.write().await;
        rows.insert(7, "ada".into());
        lines.push("signed up 7".into());
    });

    let (journal, people) = (audit.clone(), users.clone());
    let cleanup = tokio::spawn(async move {
        let mut lines = journal.write().await;
        tokio::time::sleep(Duration::from_millis(10)).await;
        let mut rows = people.write().await;
        rows.retain(|_, name| !name.is_empty());
        lines.push("cleaned up".into());
    });

    signup.await.unwrap();
    cleanup.await.unwrap();
    println!(
        "{} users, {} log lines",
        users.read().await.len(),
        audit.read().await.len()
    );
}
