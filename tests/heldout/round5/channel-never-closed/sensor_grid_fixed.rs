use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug)]
struct Sample {
    sensor: String,
    value: f64,
}

struct Grid {
    tx: mpsc::Sender<Sample>,
    sensors: Vec<String>,
}

impl Grid {
    async fn sweep(&self, round: u32) {
        for (i, s) in self.sensors.iter().enumerate() {
            let value = 18.0 + (round as f64) * 0.5 + i as f64 * 0.25;
            self.tx.send(Sample { sensor: s.clone(), value }).await.unwrap();
        }
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<Sample>(8);

    let aggregator = tokio::spawn(async move {
        let (mut n, mut sum, mut max) = (0u32, 0.0f64, f64::MIN);
        while let Some(s) = rx.recv().await {
            n += 1;
            sum += s.value;
            if s.value > max {
                max = s.value;
                println!("new max {max:.2} from {}", s.sensor);
            }
        }
        (n, sum / n as f64, max)
    });

    let grid = Grid { tx, sensors: (1..=4).map(|i| format!("greenhouse-{i}")).collect() };
    for round in 0..3 {
        grid.sweep(round).await;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    println!("sweeps done, waiting for the aggregate");
    drop(grid);

    let (n, avg, max) = aggregator.await.unwrap();
    println!("{n} samples, average {avg:.2}, max {max:.2}");
}
