// corpus: run
// An audit writer: events are written to the store three at a time, and a
// stop signal ends the writer, which writes what it still holds first.
use tokio::sync::{mpsc, oneshot};

struct Store {
    rows: Vec<String>,
}

impl Store {
    async fn write_all(&mut self, events: Vec<String>) {
        tokio::task::yield_now().await;
        self.rows.extend(events);
    }
}

async fn audit_writer(mut events: mpsc::Receiver<String>, mut stop: oneshot::Receiver<()>) -> Store {
    let mut store = Store { rows: Vec::new() };
    let mut batch = Vec::new();
    loop {
        tokio::select! {
            biased;
            Some(event) = events.recv() => {
                batch.push(event);
                if batch.len() == 3 {
                    store.write_all(std::mem::take(&mut batch)).await;
                }
            }
            _ = &mut stop => break,
        }
    }
    if !batch.is_empty() {
        store.write_all(batch).await;
    }
    store
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(16);
    let (stop, stopped) = oneshot::channel();
    for n in 0..7 {
        tx.send(format!("event {n}")).await.unwrap();
    }
    let writer = tokio::spawn(audit_writer(rx, stopped));
    // Stop once the writer has taken every event from the channel.
    while tx.capacity() < 16 {
        tokio::task::yield_now().await;
    }
    stop.send(()).unwrap();
    let store = writer.await.unwrap();
    println!("{} of 7 events written", store.rows.len());
    assert_eq!(store.rows.len(), 7, "events accepted but never written");
}
