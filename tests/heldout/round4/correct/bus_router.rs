// Pub/sub bus: the router drains the inbox and fans out, publishes stats
// on a timer, and stops on the shutdown signal. Every branch of the
// select! is a cancel-safe wait.
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

#[tokio::main]
async fn main() {
    let (tx, mut inbox) = mpsc::channel::<(String, String)>(32);
    let (stop_tx, mut stop_rx) = oneshot::channel::<()>();

    tokio::spawn(async move {
        for i in 0..12 {
            let topic = if i % 3 == 0 { "alerts" } else { "metrics" };
            tx.send((topic.to_string(), format!("event-{i}"))).await.unwrap();
            tokio::time::sleep(Duration::from_millis(8)).await;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        let _ = stop_tx.send(());
    });

    let mut stats = tokio::time::interval(Duration::from_millis(30));
    let (mut alerts, mut metrics) = (0, 0);
    loop {
        tokio::select! {
            msg = inbox.recv() => match msg {
                Some((topic, payload)) => {
                    if topic == "alerts" {
                        alerts += 1;
                        println!("alert routed: {payload}");
                    } else {
                        metrics += 1;
                    }
                }
                None => break,
            },
            _ = stats.tick() => println!("stats: {alerts} alerts, {metrics} metrics"),
            _ = &mut stop_rx => {
                println!("shutdown requested");
                break;
            }
        }
    }
    println!("final: {alerts} alerts, {metrics} metrics routed");
}
