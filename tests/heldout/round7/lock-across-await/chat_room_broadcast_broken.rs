// Chat server: a room fans each message out to its members. Every member's
// socket write takes a while; meanwhile `/who` must keep answering quickly.
use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::{sleep, Duration, Instant};

struct Member {
    nick: String,
    write_latency: Duration,
    inbox: std::sync::Mutex<Vec<String>>,
}

impl Member {
    fn new(nick: &str, latency_ms: u64) -> Arc<Self> {
        Arc::new(Member {
            nick: nick.to_string(),
            write_latency: Duration::from_millis(latency_ms),
            inbox: std::sync::Mutex::new(Vec::new()),
        })
    }

    async fn deliver(&self, line: &str) {
        sleep(self.write_latency).await; // socket write
        self.inbox.lock().unwrap().push(line.to_string());
    }
}

#[derive(Clone, Default)]
struct Room {
    members: Arc<Mutex<Vec<Arc<Member>>>>,
}

impl Room {
    async fn join(&self, m: Arc<Member>) {
        self.members.lock().await.push(m);
    }

    async fn who(&self) -> Vec<String> {
        self.members.lock().await.iter().map(|m| m.nick.clone()).collect()
    }

    async fn broadcast(&self, from: &str, text: &str) {
        let line = format!("<{from}> {text}");
        let members = self.members.lock().await;
        for m in members.iter().filter(|m| m.nick != from) {
            m.deliver(&line).await;
        }
    }
}

async fn demo_room() -> Room {
    let room = Room::default();
    for (nick, ms) in [("ana", 100), ("bo", 100), ("cy", 100), ("dee", 100)] {
        room.join(Member::new(nick, ms)).await;
    }
    room
}

#[tokio::main]
async fn main() {
    let room = demo_room().await;
    let sender = room.clone();
    let fanout = tokio::spawn(async move { sender.broadcast("ana", "deploy is green").await });
    sleep(Duration::from_millis(5)).await;

    let asked = Instant::now();
    let online = room.who().await;
    println!("/who -> {:?} (answered in {} ms)", online, asked.elapsed().as_millis());
    fanout.await.unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    #[tokio::test(start_paused = true)]
    async fn who_answers_while_a_broadcast_is_in_flight() {
        let room = demo_room().await;
        let sender = room.clone();
        let fanout = tokio::spawn(async move { sender.broadcast("bo", "lunch?").await });
        sleep(Duration::from_millis(1)).await;

        let online = timeout(Duration::from_millis(20), room.who())
            .await
            .expect("/who was blocked behind the broadcast");
        assert_eq!(online.len(), 4);
        fanout.await.unwrap();
    }
}
