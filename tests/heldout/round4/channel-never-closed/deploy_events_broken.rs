// Pub/sub bus on a broadcast channel: a publisher emits deployment events;
// two subscribers (audit, notifier) each process the whole stream and
// report when the stream ends.
use std::time::Duration;
use tokio::sync::broadcast;

async fn subscriber(name: &'static str, mut rx: broadcast::Receiver<String>) -> String {
    let mut seen = Vec::new();
    loop {
        match rx.recv().await {
            Ok(ev) => seen.push(ev),
            Err(broadcast::error::RecvError::Lagged(n)) => println!("{name}: lagged {n}"),
            Err(broadcast::error::RecvError::Closed) => break,
        }
    }
    format!("{name}: {} events, last = {:?}", seen.len(), seen.last())
}

#[tokio::main]
async fn main() {
    let (bus, _) = broadcast::channel::<String>(32);
    let audit = tokio::spawn(subscriber("audit", bus.subscribe()));
    let notifier = tokio::spawn(subscriber("notifier", bus.subscribe()));

    let publisher_tx = bus.clone();
    let publisher = tokio::spawn(async move {
        for (svc, ver) in [("api", 41), ("web", 17), ("api", 42)] {
            tokio::time::sleep(Duration::from_millis(15)).await;
            publisher_tx.send(format!("{svc} v{ver} deployed")).unwrap();
        }
    });

    publisher.await.unwrap();
    println!("{}", audit.await.unwrap());
    println!("{}", notifier.await.unwrap());
}
