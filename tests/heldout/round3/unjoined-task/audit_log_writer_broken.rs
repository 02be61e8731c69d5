use std::sync::Arc;
use tokio::sync::{mpsc, Mutex};
use tokio::task::JoinHandle;
use tokio::time::{sleep, Duration};

struct AuditLog {
    tx: mpsc::Sender<String>,
    writer: JoinHandle<()>,
}

impl AuditLog {
    fn open(store: Arc<Mutex<Vec<String>>>) -> Self {
        let (tx, mut rx) = mpsc::channel::<String>(64);
        let writer = tokio::spawn(async move {
            while let Some(entry) = rx.recv().await {
                sleep(Duration::from_millis(10)).await; // fsync to the audit disk
                store.lock().await.push(entry);
            }
        });
        AuditLog { tx, writer }
    }

    async fn record(&self, entry: String) {
        self.tx.send(entry).await.expect("audit writer alive");
    }

    async fn close(self) {
        drop(self.tx);
        let _ = self.writer;
    }
}

#[tokio::main]
async fn main() {
    let store = Arc::new(Mutex::new(Vec::new()));
    let audit = AuditLog::open(Arc::clone(&store));
    for (user, action) in [("root", "login"), ("root", "rm -rf /tmp/cache"), ("deploy", "restart api")] {
        audit.record(format!("{user}: {action}")).await;
    }
    audit.close().await;
    let written = store.lock().await;
    println!("audit log has {} entries: {:?}", written.len(), *written);
}
