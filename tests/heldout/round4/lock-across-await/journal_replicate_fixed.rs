// Bank ledger: every posted entry is appended to the journal and then
// replicated to the standby before it counts as committed. A batch of
// postings is sent together.
use std::sync::Mutex;
use std::time::Duration;

#[derive(Default)]
struct Journal {
    entries: Vec<String>,
    committed: usize,
}

struct Ledger {
    journal: Mutex<Journal>,
}

async fn replicate(entry: &str) {
    // round trip to the standby
    tokio::time::sleep(Duration::from_millis(10 + entry.len() as u64)).await;
}

impl Ledger {
    async fn post(&self, account: &str, amount: i64) {
        let entry = format!("{account}:{amount:+}");
        self.journal.lock().unwrap().entries.push(entry.clone());
        replicate(&entry).await;
        self.journal.lock().unwrap().committed += 1;
    }
}

#[tokio::main]
async fn main() {
    let ledger = Ledger { journal: Mutex::new(Journal::default()) };
    let batch = [("acme", 1200), ("globex", -300), ("initech", 75), ("acme", -50)];
    futures::future::join_all(batch.iter().map(|(acct, amt)| ledger.post(acct, *amt))).await;
    let j = ledger.journal.lock().unwrap();
    println!("{} entries, {} committed", j.entries.len(), j.committed);
    for e in &j.entries {
        println!("  {e}");
    }
}
