use std::collections::HashMap;
use std::sync::Arc;
use tokio::runtime::Handle;
use tokio::sync::RwLock;

// The report generator was written against this sync trait.
trait Storage {
    fn get(&self, key: &str) -> Option<String>;
}

#[derive(Clone, Default)]
struct Db {
    rows: Arc<RwLock<HashMap<String, String>>>,
}

impl Db {
    async fn fetch(&self, key: &str) -> Option<String> {
        self.rows.read().await.get(key).cloned()
    }
}

impl Storage for Db {
    fn get(&self, key: &str) -> Option<String> {
        Handle::current().block_on(self.fetch(key))
    }
}

fn monthly_report(store: &dyn Storage, months: &[&str]) -> String {
    months
        .iter()
        .map(|m| format!("{m}: {}", store.get(m).unwrap_or_else(|| "-".into())))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::main]
async fn main() {
    let db = Db::default();
    {
        let mut rows = db.rows.write().await;
        rows.insert("jan".into(), "1200 EUR".into());
        rows.insert("feb".into(), "950 EUR".into());
    }
    let report = monthly_report(&db, &["jan", "feb", "mar"]);
    println!("{report}");
}
