// IoT: a background uploader opens a link to the cloud, then waits for the
// shutdown signal and uploads everything that was buffered in the meantime.
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio::time::{sleep, timeout, Duration};

struct Uploader {
    shutdown: Arc<Notify>,
    buffer: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<usize>,
}

impl Uploader {
    fn start() -> Self {
        let shutdown = Arc::new(Notify::new());
        let buffer: Arc<Mutex<Vec<String>>> = Arc::default();
        let task = {
            let shutdown = shutdown.clone();
            let buffer = buffer.clone();
            tokio::spawn(async move {
                sleep(Duration::from_millis(50)).await; // TLS handshake with the cloud
                shutdown.notified().await;
                let batch = std::mem::take(&mut *buffer.lock().unwrap());
                for line in &batch {
                    println!("uploaded {line}");
                }
                batch.len()
            })
        };
        Uploader { shutdown, buffer, task }
    }

    fn record(&self, line: String) {
        self.buffer.lock().unwrap().push(line);
    }

    async fn shutdown(self) -> usize {
        self.shutdown.notify_one();
        self.task.await.expect("uploader panicked")
    }
}

#[tokio::main]
async fn main() {
    let uploader = Uploader::start();
    for (i, t) in [4.1, 4.3, 4.0].iter().enumerate() {
        uploader.record(format!("freezer-{i} temp={t}"));
    }
    let sent = timeout(Duration::from_secs(2), uploader.shutdown())
        .await
        .expect("uploader never woke up for shutdown");
    println!("{sent} readings uploaded before exit");
}
