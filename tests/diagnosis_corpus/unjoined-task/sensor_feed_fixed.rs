// Reads three sensors in producer tasks that send into a channel; the
// handles are dropped on purpose: `main` drains the channel, which ends only
// when every producer (and its sender) is gone.
use std::time::Duration;
use tokio::sync::mpsc;

async fn read_sensor(id: u32) -> f64 {
    tokio::time::sleep(Duration::from_millis(10 * id as u64)).await;
    id as f64 * 1.5
}

fn start_sensors(count: u32) -> mpsc::Receiver<f64> {
    let (feed, readings) = mpsc::channel(8);
    for id in 1..=count {
        let feed = feed.clone();
        tokio::spawn(async move {
            let value = read_sensor(id).await;
            feed.send(value).await.unwrap();
        });
    }
    readings
}

#[tokio::main]
async fn main() {
    let mut readings = start_sensors(3);
    let mut all = Vec::new();
    while let Some(value) = readings.recv().await {
        all.push(value);
    }
    println!("readings: {all:?}");
}
