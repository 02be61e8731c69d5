use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug)]
struct Probe {
    host: &'static str,
    ms: u64,
}

#[tokio::main]
async fn main() {
    let hosts = ["db-1", "db-2", "cache-1", "api-1", "api-2"];

    let mut results = {
        let (tx, rx) = mpsc::channel::<Probe>(8);
        for (i, host) in hosts.into_iter().enumerate() {
            let tx = tx.clone();
            tokio::spawn(async move {
                for round in 0..3u64 {
                    let ms = 5 + (i as u64 * 7 + round * 3) % 20;
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                    if tx.send(Probe { host, ms }).await.is_err() {
                        return;
                    }
                }
            });
        }
        rx
    };

    let mut count = 0;
    let mut worst: Option<Probe> = None;
    while let Some(p) = results.recv().await {
        count += 1;
        if worst.as_ref().map_or(true, |w| p.ms > w.ms) {
            worst = Some(p);
        }
    }
    println!("{count} probes received; slowest: {worst:?}");
}
