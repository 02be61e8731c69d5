// CI: parallel build shards stream their log lines into one collector, which
// assembles the final report once every shard is done.
use tokio::sync::mpsc;
use tokio::time::{sleep, timeout, Duration};

struct LogCollector {
    tx: mpsc::Sender<String>,
    rx: mpsc::Receiver<String>,
}

impl LogCollector {
    fn new() -> Self {
        let (tx, rx) = mpsc::channel(32);
        LogCollector { tx, rx }
    }

    fn shard(&self, name: &'static str, lines: usize) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            for i in 1..=lines {
                sleep(Duration::from_millis(3)).await;
                if tx.send(format!("[{name}] step {i}/{lines}")).await.is_err() {
                    return;
                }
            }
        });
    }

    async fn finish(self) -> Vec<String> {
        let LogCollector { mut rx, .. } = self;
        let mut report = Vec::new();
        while let Some(line) = rx.recv().await {
            report.push(line);
        }
        report
    }
}

#[tokio::main]
async fn main() {
    let collector = LogCollector::new();
    collector.shard("linux-x64", 4);
    collector.shard("macos-arm", 3);
    collector.shard("windows", 5);

    let report = timeout(Duration::from_secs(3), collector.finish())
        .await
        .expect("log collector never finished: the channel was never closed");
    println!("collected {} log lines", report.len());
}
