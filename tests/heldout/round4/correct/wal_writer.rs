// Bank ledger: postings must reach the write-ahead log in order, so the
// writer holds a tokio Mutex across the (async) log append. A notification
// about each posting is sent best-effort: nobody may be listening.
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, Mutex};

struct Wal {
    next_lsn: u64,
    records: Vec<String>,
}

async fn append_to_disk(record: &str) {
    tokio::time::sleep(Duration::from_millis(3 + record.len() as u64 % 5)).await;
}

async fn post(wal: Arc<Mutex<Wal>>, notify: broadcast::Sender<u64>, account: &str, amount: i64) {
    let mut w = wal.lock().await;
    let lsn = w.next_lsn;
    let record = format!("{lsn}:{account}:{amount:+}");
    append_to_disk(&record).await;
    w.records.push(record);
    w.next_lsn += 1;
    drop(w);
    let _ = notify.send(lsn); // fine if there are no subscribers
}

#[tokio::main]
async fn main() {
    let wal = Arc::new(Mutex::new(Wal { next_lsn: 1, records: Vec::new() }));
    let (notify, _) = broadcast::channel(16);
    let postings = [("acme", 500), ("globex", -120), ("acme", -75), ("initech", 990), ("globex", 40)];
    let tasks: Vec<_> = postings
        .into_iter()
        .map(|(acct, amt)| tokio::spawn(post(wal.clone(), notify.clone(), acct, amt)))
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let w = wal.lock().await;
    let lsns: Vec<u64> = w.records.iter().map(|r| r.split(':').next().unwrap().parse().unwrap()).collect();
    println!("{} records, lsns in order: {}", w.records.len(), lsns.windows(2).all(|p| p[0] < p[1]));
    for r in &w.records {
        println!("  {r}");
    }
}
