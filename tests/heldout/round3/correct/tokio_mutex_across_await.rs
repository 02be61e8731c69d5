use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::{sleep, Duration};

struct Connection {
    sent: Vec<String>,
}

impl Connection {
    async fn send(&mut self, frame: String) {
        sleep(Duration::from_millis(5)).await; // write to the socket
        self.sent.push(frame);
    }
}

#[tokio::main]
async fn main() {
    // one upstream connection shared by all the handlers; frames must not interleave
    let conn = Arc::new(Mutex::new(Connection { sent: Vec::new() }));
    let mut handles = Vec::new();
    for client in 0..4 {
        let conn = Arc::clone(&conn);
        handles.push(tokio::spawn(async move {
            let mut guard = conn.lock().await;
            guard.send(format!("BEGIN {client}")).await;
            guard.send(format!("DATA {client}")).await;
            guard.send(format!("END {client}")).await;
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let conn = conn.lock().await;
    for pair in conn.sent.chunks(3) {
        assert!(pair[0].starts_with("BEGIN") && pair[2].starts_with("END"));
    }
    println!("{} frames sent without interleaving", conn.sent.len());
}
