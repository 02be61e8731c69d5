use std::sync::Mutex;
use tokio::time::{sleep, Duration};

struct Room {
    history: Mutex<Vec<String>>,
}

impl Room {
    async fn post(&self, user: &str, text: &str) {
        let mut history = self.history.lock().unwrap();
        history.push(format!("<{user}> {text}"));
        if history.len() > 100 {
            history.remove(0);
        }
        // fan out to the other members (network)
        sleep(Duration::from_millis(15)).await;
    }

    fn transcript(&self) -> String {
        self.history.lock().unwrap().join("\n")
    }
}

async fn chatter(room: &Room, user: &str, lines: &[&str]) {
    for line in lines {
        room.post(user, line).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let room = Room { history: Mutex::new(Vec::new()) };
    tokio::join!(
        chatter(&room, "ana", &["morning!", "coffee?", "brb"]),
        chatter(&room, "bo", &["hey ana", "yes please"]),
    );
    println!("{}", room.transcript());
}
