use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{interval, MissedTickBehavior};
use tokio_util::sync::CancellationToken;

#[derive(Debug, Clone)]
pub struct Span {
    pub trace_id: u64,
    pub name: String,
    pub micros: u64,
}

#[derive(Default, Clone)]
pub struct Collector {
    spans: Arc<Mutex<Vec<Span>>>,
}

pub struct SpanBatcher {
    collector: Collector,
    buffer: Vec<Span>,
    max_batch: usize,
}

impl SpanBatcher {
    pub fn new(collector: Collector, max_batch: usize) -> Self {
        Self { collector, buffer: Vec::new(), max_batch }
    }

    async fn export(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        let batch: Vec<Span> = self.buffer.drain(..).collect();
        tokio::task::yield_now().await;
        self.collector.spans.lock().unwrap().extend(batch);
    }

    pub async fn run(mut self, mut rx: mpsc::Receiver<Span>, cancel: CancellationToken) {
        let mut tick = interval(Duration::from_millis(500));
        tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = cancel.cancelled() => {
                    // drain anything already queued, then export it all
                    while let Ok(span) = rx.try_recv() {
                        self.buffer.push(span);
                    }
                    self.export().await;
                    return;
                }
                _ = tick.tick() => self.export().await,
                span = rx.recv() => match span {
                    Some(span) => {
                        self.buffer.push(span);
                        if self.buffer.len() >= self.max_batch {
                            self.export().await;
                        }
                    }
                    None => {
                        self.export().await;
                        return;
                    }
                },
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let collector = Collector::default();
    let (tx, rx) = mpsc::channel(64);
    let cancel = CancellationToken::new();
    let task = tokio::spawn(SpanBatcher::new(collector.clone(), 32).run(rx, cancel.clone()));
    for i in 0..41u64 {
        tx.send(Span { trace_id: i / 3, name: "db.query".into(), micros: 120 + i }).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(30)).await;
    cancel.cancel();
    task.await.unwrap();
    println!("spans exported: {} of 41", collector.spans.lock().unwrap().len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn cancel_exports_everything() {
        let collector = Collector::default();
        let (tx, rx) = mpsc::channel(64);
        let cancel = CancellationToken::new();
        let task = tokio::spawn(SpanBatcher::new(collector.clone(), 100).run(rx, cancel.clone()));
        for i in 0..5u64 {
            tx.send(Span { trace_id: i, name: "x".into(), micros: 1 }).await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        cancel.cancel();
        task.await.unwrap();
        assert_eq!(collector.spans.lock().unwrap().len(), 5);
    }
}
