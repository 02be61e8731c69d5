// Chat bridge: relay messages from an IRC channel to a Matrix room. The Matrix
// side is slow, so its queue is tiny; the relay also sends a keepalive ping
// to IRC every 10 ms so the connection isn't dropped.
use tokio::sync::mpsc::{self, Receiver, Sender};
use tokio::time::{interval, sleep, Duration};

async fn forward_one(inbound: &mut Receiver<String>, outbound: &Sender<String>) -> bool {
    match inbound.recv().await {
        Some(msg) => outbound.send(msg).await.is_ok(),
        None => false,
    }
}

async fn relay(mut inbound: Receiver<String>, outbound: Sender<String>) -> u32 {
    let mut keepalive = interval(Duration::from_millis(10));
    let mut pings = 0;
    loop {
        tokio::select! {
            more = forward_one(&mut inbound, &outbound) => {
                if !more {
                    break;
                }
            }
            _ = keepalive.tick() => pings += 1,
        }
    }
    pings
}

async fn run_bridge(n: usize) -> Vec<String> {
    let (irc_tx, irc_rx) = mpsc::channel(64);
    let (matrix_tx, mut matrix_rx) = mpsc::channel(1);
    for i in 0..n {
        irc_tx.send(format!("msg-{i}")).await.unwrap();
    }
    drop(irc_tx);

    let matrix = tokio::spawn(async move {
        let mut posted = Vec::new();
        while let Some(m) = matrix_rx.recv().await {
            sleep(Duration::from_millis(25)).await; // Matrix API call
            posted.push(m);
        }
        posted
    });
    let pings = relay(irc_rx, matrix_tx).await;
    let posted = matrix.await.unwrap();
    println!("relay sent {pings} keepalives, posted {}/{n} messages", posted.len());
    posted
}

#[tokio::main]
async fn main() {
    let posted = run_bridge(20).await;
    println!("first: {:?}, last: {:?}", posted.first(), posted.last());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_irc_message_reaches_matrix_in_order() {
        let posted = run_bridge(20).await;
        let expected: Vec<String> = (0..20).map(|i| format!("msg-{i}")).collect();
        assert_eq!(posted, expected);
    }
}
