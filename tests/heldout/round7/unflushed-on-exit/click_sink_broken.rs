// Analytics: a sink batches click events and writes them to the warehouse
// ten at a time. The service shuts the sink down when it is being redeployed.
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{sleep, Duration};

#[derive(Debug, Clone)]
struct Click {
    user: u32,
    path: String,
}

type Warehouse = Arc<Mutex<Vec<Click>>>;

async fn write_batch(warehouse: &Warehouse, batch: &mut Vec<Click>) {
    sleep(Duration::from_millis(4)).await; // COPY INTO ...
    warehouse.lock().unwrap().extend(batch.drain(..));
}

async fn run_sink(mut clicks: mpsc::Receiver<Click>, mut shutdown: oneshot::Receiver<()>, warehouse: Warehouse) {
    let mut batch = Vec::with_capacity(10);
    loop {
        tokio::select! {
            Some(click) = clicks.recv() => {
                batch.push(click);
                if batch.len() >= 10 {
                    write_batch(&warehouse, &mut batch).await;
                }
            }
            _ = &mut shutdown => {
                break;
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let warehouse: Warehouse = Arc::default();
    let (tx, rx) = mpsc::channel(128);
    let (stop, stop_rx) = oneshot::channel();
    let sink = tokio::spawn(run_sink(rx, stop_rx, warehouse.clone()));

    let sent = 47;
    for i in 0..sent {
        tx.send(Click { user: i % 7, path: format!("/item/{}", i * 13 % 50) }).await.unwrap();
    }
    sleep(Duration::from_millis(100)).await; // traffic drains, redeploy begins
    stop.send(()).unwrap();
    sink.await.unwrap();

    let stored = warehouse.lock().unwrap().clone();
    if let Some(last) = stored.last() {
        println!("last stored click: user {} on {}", last.user, last.path);
    }
    println!("warehouse has {} of {sent} clicks", stored.len());
}
