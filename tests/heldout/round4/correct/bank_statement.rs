// Rate-limited API client: log in to the (local mock) bank API, then use
// the session token to fetch the statement, then the details of its
// largest entry. Each call needs the previous one's answer.
use std::time::Duration;

struct MockBank;

impl MockBank {
    async fn login(&self, user: &str, pin: u32) -> Result<String, String> {
        tokio::time::sleep(Duration::from_millis(20)).await;
        if pin == 4321 { Ok(format!("tok-{user}-77")) } else { Err("bad pin".into()) }
    }
    async fn statement(&self, token: &str) -> Result<Vec<(u32, i64)>, String> {
        tokio::time::sleep(Duration::from_millis(20)).await;
        if !token.starts_with("tok-") {
            return Err("401".into());
        }
        Ok(vec![(9001, -42), (9002, 1_500), (9003, -310)])
    }
    async fn entry_detail(&self, token: &str, id: u32) -> Result<String, String> {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Ok(format!("entry {id} (session {token}): salary transfer"))
    }
}

async fn largest_entry(bank: &MockBank) -> Result<String, String> {
    let token = bank.login("mara", 4321).await?;
    let entries = bank.statement(&token).await?;
    let (id, _) = entries.iter().max_by_key(|(_, amount)| amount.abs()).ok_or("empty statement")?;
    bank.entry_detail(&token, *id).await
}

#[tokio::main]
async fn main() {
    match largest_entry(&MockBank).await {
        Ok(detail) => println!("{detail}"),
        Err(e) => println!("failed: {e}"),
    }
}
