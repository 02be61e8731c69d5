use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::{sleep, Duration};

#[derive(Debug)]
struct EmailJob {
    to: String,
    subject: String,
}

struct Outbox {
    pending: Arc<Mutex<Vec<EmailJob>>>,
}

impl Outbox {
    async fn enqueue(&self, job: EmailJob) {
        // simulate a write to the queue table
        sleep(Duration::from_millis(5)).await;
        self.pending.lock().await.push(job);
    }

    async fn enqueue_welcome_mails(&self, users: &[&str]) {
        for user in users {
            self.enqueue(EmailJob {
                to: format!("{user}@example.com"),
                subject: "Welcome aboard".to_string(),
            });
        }
    }

    async fn len(&self) -> usize {
        self.pending.lock().await.len()
    }
}

#[tokio::main]
async fn main() {
    let outbox = Outbox { pending: Arc::new(Mutex::new(Vec::new())) };
    let new_users = ["ada", "linus", "grace", "ken"];
    outbox.enqueue_welcome_mails(&new_users).await;
    println!("{} welcome mails queued", outbox.len().await);
    for job in outbox.pending.lock().await.iter() {
        println!("  -> {} ({})", job.to, job.subject);
    }
}
