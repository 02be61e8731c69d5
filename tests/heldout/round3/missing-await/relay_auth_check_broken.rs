use std::collections::HashSet;
use tokio::sync::mpsc;

#[derive(Debug)]
struct ChatMessage {
    from: String,
    text: String,
}

struct Relay {
    allowed: HashSet<String>,
    delivered: Vec<String>,
}

impl Relay {
    async fn is_authorized(&self, user: &str) -> bool {
        // the real thing asks the session store
        tokio::task::yield_now().await;
        self.allowed.contains(user)
    }

    async fn handle(&mut self, msg: ChatMessage) {
        if self.is_authorized(&msg.from) {
            self.delivered.push(format!("<{}> {}", msg.from, msg.text));
        } else {
            println!("dropping message from unknown user {}", msg.from);
        }
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(16);
    tokio::spawn(async move {
        for (from, text) in [("ana", "hi all"), ("mallory", "buy now"), ("bo", "hey ana")] {
            let msg = ChatMessage { from: from.into(), text: text.into() };
            tx.send(msg).await.unwrap();
        }
    });

    let mut relay = Relay {
        allowed: ["ana", "bo"].iter().map(|s| s.to_string()).collect(),
        delivered: Vec::new(),
    };
    while let Some(msg) = rx.recv().await {
        relay.handle(msg).await;
    }
    for line in &relay.delivered {
        println!("{line}");
    }
    assert_eq!(relay.delivered.len(), 2);
}
