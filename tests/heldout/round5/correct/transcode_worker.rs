use std::time::Duration;
use tokio::sync::{mpsc, watch};

async fn worker(mut jobs: mpsc::Receiver<String>, mut shutdown: watch::Receiver<bool>) -> Vec<String> {
    let mut finished = Vec::new();
    loop {
        tokio::select! {
            biased;
            _ = shutdown.changed() => {
                println!("shutdown requested; {} job(s) left in the queue", jobs.len());
                break;
            }
            job = jobs.recv() => {
                let Some(job) = job else { break };
                // the job is ours now; finish it even if shutdown arrives meanwhile
                tokio::time::sleep(Duration::from_millis(25)).await;
                println!("transcoded {job}");
                finished.push(job);
            }
        }
    }
    finished
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(16);
    let (stop_tx, stop_rx) = watch::channel(false);
    let w = tokio::spawn(worker(rx, stop_rx));

    for i in 1..=8 {
        tx.send(format!("clip{i:02}.mov")).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(90)).await;
    stop_tx.send(true).unwrap();

    let done = w.await.unwrap();
    println!("worker stopped cleanly after {} clips", done.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn drains_until_channel_closes() {
        let (tx, rx) = mpsc::channel(4);
        let (_stop_tx, stop_rx) = watch::channel(false);
        let w = tokio::spawn(worker(rx, stop_rx));
        for i in 0..3 {
            tx.send(format!("c{i}")).await.unwrap();
        }
        drop(tx);
        assert_eq!(w.await.unwrap(), vec!["c0", "c1", "c2"]);
    }
}
