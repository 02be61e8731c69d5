use std::sync::{Arc, Mutex};
use tokio::time::{sleep, Duration};

trait Notifier {
    async fn notify(&self, player: &str, achievement: &str);
}

struct Webhook {
    sent: Arc<Mutex<Vec<String>>>,
}

impl Webhook {
    async fn post(&self, body: String) {
        sleep(Duration::from_millis(10)).await; // network round trip
        self.sent.lock().unwrap().push(body);
    }
}

impl Notifier for Webhook {
    async fn notify(&self, player: &str, achievement: &str) {
        let body = format!("{{\"player\":\"{player}\",\"unlocked\":\"{achievement}\"}}");
        self.post(body);
    }
}

async fn end_of_round<N: Notifier>(notifier: &N, scores: &[(&str, u32)]) {
    for (player, score) in scores {
        if *score >= 1000 {
            notifier.notify(player, "high roller").await;
        }
    }
}

#[tokio::main]
async fn main() {
    let hook = Webhook { sent: Arc::new(Mutex::new(Vec::new())) };
    let scores = [("zelda", 1200), ("link", 300), ("ganon", 1500)];
    for round in 1..=2 {
        end_of_round(&hook, &scores).await;
        println!("round {round} over");
    }
    let sent = hook.sent.lock().unwrap();
    println!("{} webhook calls sent", sent.len());
    for body in sent.iter() {
        println!("{body}");
    }
}
