use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

struct Outbox {
    sent: Arc<AtomicUsize>,
}

impl Outbox {
    fn new() -> Self {
        Outbox { sent: Arc::new(AtomicUsize::new(0)) }
    }

    async fn send(&self, to: &str, subject: &str) {
        // SMTP round trip
        tokio::time::sleep(Duration::from_millis(20)).await;
        println!("sent '{subject}' to {to}");
        self.sent.fetch_add(1, Ordering::SeqCst);
    }

    /// Sends every queued mail and returns how many went out.
    async fn flush(&self, queue: &[(&str, &str)]) -> usize {
        let mut deliveries = Vec::new();
        for (to, subject) in queue {
            deliveries.push(self.send(to, subject));
        }
        println!("flushing {} queued mails", deliveries.len());
        futures::future::join_all(deliveries).await;
        self.sent.load(Ordering::SeqCst)
    }
}

#[tokio::main]
async fn main() {
    let outbox = Outbox::new();
    let queue = [
        ("ops@example.com", "Nightly report"),
        ("cfo@example.com", "Invoice overdue"),
        ("team@example.com", "Standup moved"),
    ];
    let delivered = outbox.flush(&queue).await;
    println!("delivered {delivered} of {} mails", queue.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn flush_delivers_everything() {
        let outbox = Outbox::new();
        let n = outbox.flush(&[("a@x.io", "hi"), ("b@x.io", "hey")]).await;
        assert_eq!(n, 2);
        assert_eq!(outbox.sent.load(Ordering::SeqCst), 2);
    }
}
