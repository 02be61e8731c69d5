// Pub/sub bus: `start` launches the fan-out loop that copies every message
// of the inbox to each subscriber's mailbox.
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

struct Bus {
    name: String,
    mailboxes: Arc<Mutex<Vec<Vec<String>>>>,
}

impl Bus {
    fn start(&self, mut inbox: mpsc::Receiver<String>) -> JoinHandle<usize> {
        let name = self.name.clone();
        let mailboxes = Arc::clone(&self.mailboxes);
        tokio::spawn(async move {
            let mut n = 0;
            while let Some(msg) = inbox.recv().await {
                for mb in mailboxes.lock().unwrap().iter_mut() {
                    mb.push(format!("{}/{msg}", name));
                }
                n += 1;
            }
            n
        })
    }
}

#[tokio::main]
async fn main() {
    let bus = Bus { name: "orders".into(), mailboxes: Arc::new(Mutex::new(vec![Vec::new(); 3])) };
    let (tx, rx) = mpsc::channel(8);
    let fanout = bus.start(rx);
    for id in [101, 102, 103] {
        tx.send(format!("created #{id}")).await.unwrap();
    }
    drop(tx);
    let n = fanout.await.unwrap();
    println!("fanned out {n} messages");
    for (i, mb) in bus.mailboxes.lock().unwrap().iter().enumerate() {
        println!("subscriber {i}: {mb:?}");
    }
}
