use std::time::Duration;

#[tokio::main]
async fn main() {
    let (tx, mut rx) = tokio::sync::mpsc::channel(8);
    tokio::spawn(async move {
        for n in 0..6 {
            tx.send(n).await.unwrap();
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    });
    let mut heartbeat = tokio::time::interval(Duration::from_millis(1));
    let mut first = None;
    loop {
        tokio::select! {
            n = rx.recv() => match (n, first.take()) {
                (Some(b), Some(a)) => println!("{:?}", (a, b)),
                (Some(a), None) => first = Some(a),
                (None, _) => break,
            },
            _ = heartbeat.tick() => {}
        }
    }
}
