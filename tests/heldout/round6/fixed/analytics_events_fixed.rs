use std::time::Duration;
use tokio::sync::{mpsc, watch};

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub session: u32,
    pub kind: String,
}

pub struct Collector {
    pub batch_size: usize,
    pub events: mpsc::Receiver<Event>,
    pub out: mpsc::UnboundedSender<Vec<Event>>,
    pub shutdown: watch::Receiver<bool>,
}

impl Collector {
    pub async fn run(mut self) {
        let mut batch: Vec<Event> = Vec::with_capacity(self.batch_size);
        loop {
            tokio::select! {
                res = self.shutdown.changed() => {
                    if res.is_err() || *self.shutdown.borrow() {
                        if !batch.is_empty() {
                            let _ = self.out.send(batch.clone());
                        }
                        return;
                    }
                }
                Some(ev) = self.events.recv() => {
                    batch.push(ev);
                    if batch.len() == self.batch_size {
                        let _ = self.out.send(batch.clone());
                        batch.clear();
                    }
                }
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let (ev_tx, ev_rx) = mpsc::channel(100);
    let (out_tx, mut out_rx) = mpsc::unbounded_channel();
    let (stop_tx, stop_rx) = watch::channel(false);
    let collector = Collector { batch_size: 10, events: ev_rx, out: out_tx, shutdown: stop_rx };
    let task = tokio::spawn(collector.run());

    for i in 0..27u32 {
        ev_tx.send(Event { session: i / 4, kind: "page_view".into() }).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(20)).await;
    stop_tx.send(true).unwrap();
    task.await.unwrap();

    let mut uploaded = 0;
    while let Ok(b) = out_rx.try_recv() {
        uploaded += b.len();
    }
    println!("analytics events uploaded: {uploaded} of 27");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn shutdown_uploads_partial_batch() {
        let (ev_tx, ev_rx) = mpsc::channel(100);
        let (out_tx, mut out_rx) = mpsc::unbounded_channel();
        let (stop_tx, stop_rx) = watch::channel(false);
        let collector = Collector { batch_size: 5, events: ev_rx, out: out_tx, shutdown: stop_rx };
        let task = tokio::spawn(collector.run());

        for i in 0..7u32 {
            ev_tx.send(Event { session: i, kind: "click".into() }).await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        stop_tx.send(true).unwrap();
        task.await.unwrap();

        let mut all = Vec::new();
        while let Ok(b) = out_rx.try_recv() {
            all.extend(b);
        }
        assert_eq!(all.len(), 7);
    }
}
