// Log tailer: scan new lines of a service log and forward the error lines
// to the alerting sink, which acknowledges each one.
use std::time::Duration;
use tokio::sync::Mutex;

struct AlertSink {
    sent: Mutex<Vec<String>>,
}

impl AlertSink {
    async fn forward(&self, line: &str) {
        tokio::time::sleep(Duration::from_millis(5)).await;
        self.sent.lock().await.push(line.to_string());
    }
}

struct Tailer<'a> {
    sink: &'a AlertSink,
    seen: usize,
}

impl<'a> Tailer<'a> {
    async fn on_lines(&mut self, chunk: &str) {
        for line in chunk.lines() {
            self.seen += 1;
            if line.contains(" ERROR ") {
                self.sink.forward(line);
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let sink = AlertSink { sent: Mutex::new(Vec::new()) };
    let mut tailer = Tailer { sink: &sink, seen: 0 };
    let chunks = [
        "10:00:01 INFO started\n10:00:02 ERROR db timeout\n",
        "10:00:03 INFO retry\n10:00:04 WARN slow query\n10:00:05 ERROR db timeout again\n",
        "10:00:06 ERROR disk full\n10:00:07 INFO shutting down\n",
    ];
    for chunk in chunks {
        tailer.on_lines(chunk).await;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let sent = sink.sent.lock().await;
    println!("scanned {} lines, forwarded {} alerts", tailer.seen, sent.len());
    for a in sent.iter() {
        println!("  alert: {a}");
    }
}
