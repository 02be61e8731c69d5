use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug)]
enum Change {
    Set(&'static str, String),
    Removed(&'static str),
}

#[tokio::main]
async fn main() {
    // the diff between two config files is small and known up front
    let old = [("port", "8080"), ("workers", "4"), ("tls", "off"), ("region", "eu")];
    let new = [("port", "8443"), ("workers", "4"), ("tls", "on"), ("log", "json")];

    let (tx, mut rx) = mpsc::unbounded_channel::<Change>();
    tokio::spawn(async move {
        for (k, v) in new {
            if !old.contains(&(k, v)) {
                tx.send(Change::Set(k, v.to_string())).unwrap();
            }
        }
        for (k, _) in old {
            if !new.iter().any(|(nk, _)| *nk == k) {
                tx.send(Change::Removed(k)).unwrap();
            }
        }
    });

    let mut applied = 0;
    while let Some(change) = rx.recv().await {
        tokio::time::sleep(Duration::from_millis(15)).await; // restart the affected subsystem
        println!("applied {change:?}");
        applied += 1;
    }
    println!("{applied} config changes applied");
}
