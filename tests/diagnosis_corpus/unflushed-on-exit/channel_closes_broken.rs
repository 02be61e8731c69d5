// corpus: run
// A bulk importer: rows arrive on a channel and are inserted four at a
// time. The producer finishes and drops its sender, and the loop ends.
use tokio::sync::mpsc;

async fn insert_rows(table: &mut Vec<u32>, rows: Vec<u32>) {
    tokio::task::yield_now().await;
    table.extend(rows);
}

async fn import(mut rows: mpsc::Receiver<u32>) -> Vec<u32> {
    let mut table = Vec::new();
    let mut batch = Vec::with_capacity(4);
    while let Some(row) = rows.recv().await {
        batch.push(row);
        if batch.len() == 4 {
            insert_rows(&mut table, batch.drain(..).collect()).await;
        }
    }
    table
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(8);
    tokio::spawn(async move {
        for row in 1..=10 {
            tx.send(row).await.unwrap();
        }
    });
    let table = import(rx).await;
    println!("{} rows imported", table.len());
    assert_eq!(table.len(), 10, "rows received but never inserted");
}
