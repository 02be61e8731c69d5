use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

struct Bus {
    delivered: Arc<AtomicUsize>,
}

impl Bus {
    async fn publish(&self, topic: &str, payload: &str) {
        tokio::time::sleep(Duration::from_millis(2)).await;
        println!("[{topic}] {payload}");
        self.delivered.fetch_add(1, Ordering::SeqCst);
    }
}

async fn fan_out(bus: &Bus, events: &[(&str, &str)]) {
    let sends: Vec<_> = events
        .iter()
        .map(|(topic, payload)| bus.publish(topic, payload))
        .collect();
    println!("queued {} events", sends.len());
    futures::future::join_all(sends).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_event_is_delivered() {
        let bus = Bus { delivered: Arc::new(AtomicUsize::new(0)) };
        let events = [("orders", "created"), ("orders", "paid"), ("audit", "login")];
        fan_out(&bus, &events).await;
        assert_eq!(bus.delivered.load(Ordering::SeqCst), 3);
    }
}

fn main() {}
