use std::time::Duration;
use tokio::sync::mpsc;

/// Takes the next chat message and pushes it to the websocket (which acks slowly).
async fn recv_and_deliver(rx: &mut mpsc::Receiver<String>) -> Option<String> {
    let msg = rx.recv().await?;
    tokio::time::sleep(Duration::from_millis(30)).await;
    Some(msg)
}

async fn relay(mut rx: mpsc::Receiver<String>) -> Vec<String> {
    let mut delivered = Vec::new();
    let mut heartbeat = tokio::time::interval(Duration::from_millis(20));
    let mut beats = 0u32;
    loop {
        tokio::select! {
            res = recv_and_deliver(&mut rx) => match res {
                Some(msg) => delivered.push(msg),
                None => break,
            },
            _ = heartbeat.tick() => beats += 1,
        }
    }
    println!("relay closed after {beats} heartbeats");
    delivered
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(32);
    tokio::spawn(async move {
        for (who, text) in [("ana", "hi all"), ("ben", "lunch?"), ("ana", "sure"), ("cy", "brb")] {
            tx.send(format!("{who}: {text}")).await.unwrap();
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    let delivered = relay(rx).await;
    println!("delivered {} message(s):", delivered.len());
    for m in delivered {
        println!("  {m}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn no_message_is_lost() {
        let (tx, rx) = mpsc::channel(16);
        for i in 0..5 {
            tx.send(format!("m{i}")).await.unwrap();
        }
        drop(tx);
        let delivered = relay(rx).await;
        assert_eq!(delivered, vec!["m0", "m1", "m2", "m3", "m4"]);
    }
}
