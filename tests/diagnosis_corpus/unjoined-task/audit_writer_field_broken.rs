// corpus: run
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

struct AuditLog {
    entries: mpsc::Sender<String>,
    writer: JoinHandle<()>,
}

impl AuditLog {
    fn open() -> Self {
        let (entries, mut incoming) = mpsc::channel::<String>(16);
        let writer = tokio::spawn(async move {
            while let Some(entry) = incoming.recv().await {
                tokio::time::sleep(Duration::from_millis(15)).await;
                println!("audit: {entry}");
            }
        });
        AuditLog { entries, writer }
    }

    async fn record(&self, entry: &str) {
        self.entries.send(entry.to_string()).await.unwrap();
    }

    async fn close(self) {
        drop(self.entries);
        let _ = self.writer;
    }
}

#[tokio::main]
async fn main() {
    let log = AuditLog::open();
    for user in ["ana", "bo", "cy"] {
        log.record(&format!("{user} logged in")).await;
    }
    log.close().await;
}
