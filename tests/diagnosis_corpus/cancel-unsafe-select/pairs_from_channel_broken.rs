use std::time::Duration;
use tokio::sync::mpsc::Receiver;

async fn next_pair(rx: &mut Receiver<u32>) -> Option<(u32, u32)> {
    let a = rx.recv().await?;
    let b = rx.recv().await?;
    Some((a, b))
}

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
    loop {
        tokio::select! {
            pair = next_pair(&mut rx) => match pair {
                Some(p) => println!("{p:?}"),
                None => break,
            },
            _ = heartbeat.tick() => {}
        }
    }
}
