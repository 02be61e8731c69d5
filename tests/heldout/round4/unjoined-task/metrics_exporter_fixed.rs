// Metrics aggregator: an exporter task batches points and flushes them
// whenever 4 have piled up, and once more when the exporter shuts down.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

struct Exporter {
    tx: mpsc::Sender<(String, f64)>,
    task: JoinHandle<()>,
}

async fn flush(batch: &mut Vec<(String, f64)>) {
    tokio::time::sleep(Duration::from_millis(25)).await; // POST to the TSDB
    let names: Vec<&str> = batch.iter().map(|(n, _)| n.as_str()).collect();
    println!("exported {} points: {}", batch.len(), names.join(" "));
    batch.clear();
}

impl Exporter {
    fn start() -> Exporter {
        let (tx, mut rx) = mpsc::channel::<(String, f64)>(32);
        let task = tokio::spawn(async move {
            let mut batch = Vec::new();
            while let Some(point) = rx.recv().await {
                batch.push(point);
                if batch.len() == 4 {
                    flush(&mut batch).await;
                }
            }
            if !batch.is_empty() {
                flush(&mut batch).await;
            }
        });
        Exporter { tx, task }
    }

    async fn record(&self, name: &str, value: f64) {
        self.tx.send((name.to_string(), value)).await.unwrap();
    }

    async fn shutdown(self) {
        drop(self.tx);
        self.task.await.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let exporter = Exporter::start();
    for i in 0..10 {
        exporter.record(&format!("req.latency.{i}"), 12.5 + i as f64).await;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    exporter.shutdown().await;
    println!("exporter stopped");
}
