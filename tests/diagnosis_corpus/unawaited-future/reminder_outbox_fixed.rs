// corpus: run
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

async fn send_reminder(to: String) {
    tokio::time::sleep(Duration::from_millis(5)).await;
    println!("reminder sent to {to}");
}

struct Outbox {
    pending: Vec<Pin<Box<dyn Future<Output = ()>>>>,
}

impl Outbox {
    fn queue(&mut self, to: &str) {
        self.pending.push(Box::pin(send_reminder(to.to_string())));
    }

    async fn flush(&mut self) {
        println!("flushing {} reminders", self.pending.len());
        for reminder in self.pending.drain(..) {
            reminder.await;
        }
    }
}

#[tokio::main]
async fn main() {
    let mut outbox = Outbox { pending: Vec::new() };
    for who in ["dentist", "gym", "mom"] {
        outbox.queue(who);
    }
    outbox.flush().await;
}
