// Pub/sub bus: handlers react to events; the audit handler republishes
// every event it sees on the "audit" topic.
use std::sync::Arc;
use tokio::sync::{mpsc, Mutex};

struct Bus {
    published: Mutex<Vec<(String, String)>>,
    notify: mpsc::UnboundedSender<String>,
}

impl Bus {
    async fn publish(&self, topic: &str, payload: &str) {
        self.published.lock().await.push((topic.to_string(), payload.to_string()));
        let _ = self.notify.send(topic.to_string());
    }
}

trait Handler {
    fn handle(&self, bus: &Bus, payload: &str);
}

struct AuditHandler;

impl Handler for AuditHandler {
    fn handle(&self, bus: &Bus, payload: &str) {
        let entry = format!("audit:{payload}");
        bus.publish("audit", &entry).await;
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let bus = Arc::new(Bus { published: Mutex::new(Vec::new()), notify: tx });
    let handler = AuditHandler;
    for event in ["user.login", "user.logout", "order.created"] {
        bus.publish("events", event).await;
        handler.handle(&bus, event);
    }
    let mut topics = Vec::new();
    while let Ok(t) = rx.try_recv() {
        topics.push(t);
    }
    println!("notifications: {}", topics.join(","));
    for (topic, payload) in bus.published.lock().await.iter() {
        println!("{topic}: {payload}");
    }
}
