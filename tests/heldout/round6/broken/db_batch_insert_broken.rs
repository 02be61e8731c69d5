use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

#[derive(Debug, Clone, PartialEq)]
struct OrderRow {
    id: u64,
    customer: String,
    cents: i64,
}

/// A fake table; `insert_many` is what a real client would do in one round trip.
#[derive(Clone, Default)]
struct Table {
    rows: Arc<Mutex<Vec<OrderRow>>>,
}

impl Table {
    async fn insert_many(&self, rows: Vec<OrderRow>) {
        tokio::task::yield_now().await;
        self.rows.lock().unwrap().extend(rows);
    }
    fn len(&self) -> usize {
        self.rows.lock().unwrap().len()
    }
}

struct BatchWriter {
    table: Table,
    pending: Vec<OrderRow>,
    batch_size: usize,
}

impl BatchWriter {
    fn new(table: Table, batch_size: usize) -> Self {
        Self { table, pending: Vec::new(), batch_size }
    }

    async fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.pending);
        self.table.insert_many(rows).await;
    }

    async fn run(&mut self, mut incoming: mpsc::Receiver<OrderRow>, cancel: CancellationToken) {
        loop {
            tokio::select! {
                _ = cancel.cancelled() => break,
                maybe = incoming.recv() => match maybe {
                    Some(row) => {
                        self.pending.push(row);
                        if self.pending.len() >= self.batch_size {
                            self.flush().await;
                        }
                    }
                    None => break,
                },
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let table = Table::default();
    let (tx, rx) = mpsc::channel(64);
    let cancel = CancellationToken::new();

    let mut writer = BatchWriter::new(table.clone(), 20);
    let c = cancel.clone();
    let task = tokio::spawn(async move { writer.run(rx, c).await });

    for id in 0..45u64 {
        tx.send(OrderRow { id, customer: format!("cust-{}", id % 7), cents: 999 }).await.unwrap();
    }
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    cancel.cancel();
    task.await.unwrap();
    println!("orders inserted: {} of 45", table.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn cancelling_writes_the_partial_batch() {
        let table = Table::default();
        let (tx, rx) = mpsc::channel(8);
        let cancel = CancellationToken::new();
        let mut writer = BatchWriter::new(table.clone(), 100);
        let c = cancel.clone();
        let task = tokio::spawn(async move { writer.run(rx, c).await });

        for id in 0..3u64 {
            tx.send(OrderRow { id, customer: "a".into(), cents: 1 }).await.unwrap();
        }
        // wait until the writer has taken everything out of the channel
        while tx.capacity() < 8 {
            tokio::task::yield_now().await;
        }
        tokio::task::yield_now().await;
        cancel.cancel();
        task.await.unwrap();

        assert_eq!(table.len(), 3);
    }
}
