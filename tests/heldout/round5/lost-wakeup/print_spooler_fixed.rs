use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

#[derive(Default)]
struct Spooler {
    jobs: Mutex<VecDeque<String>>,
    closed: AtomicBool,
    wake_printer: Notify,
}

impl Spooler {
    fn submit(&self, doc: &str) {
        self.jobs.lock().unwrap().push_back(doc.to_string());
        self.wake_printer.notify_one();
    }

    fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.wake_printer.notify_one();
    }

    fn take(&self) -> Option<String> {
        self.jobs.lock().unwrap().pop_front()
    }
}

async fn printer(spool: Arc<Spooler>) -> Vec<String> {
    let mut printed = Vec::new();
    loop {
        spool.wake_printer.notified().await;
        while let Some(doc) = spool.take() {
            tokio::time::sleep(Duration::from_millis(20)).await; // paper feed
            println!("printed {doc}");
            printed.push(doc);
        }
        if spool.closed.load(Ordering::SeqCst) {
            return printed;
        }
    }
}

async fn print_session(docs: &[&str]) -> Vec<String> {
    let spool = Arc::new(Spooler::default());
    let worker = tokio::spawn(printer(spool.clone()));
    for d in docs {
        spool.submit(d);
    }
    spool.close();
    worker.await.unwrap()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let printed = print_session(&["boarding-pass.pdf", "invoice-17.pdf", "map.png"]).await;
    println!("{} document(s) printed", printed.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn prints_everything_submitted() {
        let printed = tokio::time::timeout(Duration::from_secs(10), print_session(&["a", "b"]))
            .await
            .expect("printer never woke up");
        assert_eq!(printed, vec!["a".to_string(), "b".to_string()]);
    }
}
