use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};

#[derive(Debug, Clone)]
struct ChatMessage {
    room: u32,
    body: String,
}

struct Client {
    id: usize,
    delivered: Arc<AtomicUsize>,
}

impl Client {
    async fn send_frame(&self, frame: &[ChatMessage]) {
        // a real client would serialize + write a websocket frame here
        let _ = self.id;
        tokio::task::yield_now().await;
        self.delivered.fetch_add(frame.len(), Ordering::SeqCst);
    }
}

/// Coalesces chat messages and pushes them to all clients in frames of
/// up to FRAME_LEN messages.
async fn fanout_loop(
    clients: Vec<Client>,
    mut inbox: mpsc::Receiver<ChatMessage>,
    mut shutdown: broadcast::Receiver<()>,
) {
    const FRAME_LEN: usize = 8;
    let mut queue: VecDeque<ChatMessage> = VecDeque::new();
    loop {
        tokio::select! {
            _ = shutdown.recv() => {
                break;
            }
            msg = inbox.recv() => {
                let Some(msg) = msg else { break };
                queue.push_back(msg);
                if queue.len() >= FRAME_LEN {
                    let frame: Vec<ChatMessage> = queue.drain(..).collect();
                    for c in &clients {
                        c.send_frame(&frame).await;
                    }
                }
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let delivered = Arc::new(AtomicUsize::new(0));
    let clients: Vec<Client> = (0..3)
        .map(|id| Client { id, delivered: delivered.clone() })
        .collect();
    let (tx, rx) = mpsc::channel(64);
    let (shutdown_tx, shutdown_rx) = broadcast::channel(1);

    let task = tokio::spawn(fanout_loop(clients, rx, shutdown_rx));

    for i in 0..21 {
        tx.send(ChatMessage { room: 1, body: format!("msg {i}") }).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    shutdown_tx.send(()).unwrap();
    task.await.unwrap();

    // 21 messages x 3 clients
    println!("frames delivered: {} of 63 message deliveries", delivered.load(Ordering::SeqCst));
}
