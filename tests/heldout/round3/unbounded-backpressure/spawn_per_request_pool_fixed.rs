use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::time::{sleep, Duration};

const POOL_SIZE: usize = 20;

struct Db {
    open: AtomicUsize,
    peak: AtomicUsize,
}

impl Db {
    async fn query(&self, sql: String) -> usize {
        let now = self.open.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        sleep(Duration::from_millis(20)).await;
        self.open.fetch_sub(1, Ordering::SeqCst);
        sql.len()
    }
}

async fn handle_request(db: Arc<Db>, id: u32) -> usize {
    db.query(format!("SELECT * FROM carts WHERE user_id = {id}")).await
}

#[tokio::main]
async fn main() {
    let db = Arc::new(Db { open: AtomicUsize::new(0), peak: AtomicUsize::new(0) });

    // a burst of traffic after the newsletter went out
    let permits = Arc::new(Semaphore::new(POOL_SIZE));
    let mut handles = Vec::new();
    for id in 0..2_000 {
        let db = Arc::clone(&db);
        let permit = Arc::clone(&permits).acquire_owned().await.unwrap();
        handles.push(tokio::spawn(async move {
            let _permit = permit;
            handle_request(db, id).await
        }));
    }
    let mut bytes = 0;
    for h in handles {
        bytes += h.await.unwrap();
    }
    let peak = db.peak.load(Ordering::SeqCst);
    println!("served 2000 requests ({bytes} bytes of SQL), peak {peak} open connections");
    assert!(peak <= POOL_SIZE, "the database only accepts {POOL_SIZE} connections");
}
