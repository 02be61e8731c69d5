use std::time::Duration;
use tokio::sync::mpsc;

async fn upload(sample: u64) {
    tokio::time::sleep(Duration::from_millis(1)).await;
    let _ = sample;
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<u64>(32);
    let sensor = tokio::spawn(async move {
        for reading in 0..500u64 {
            tx.send(reading).await.expect("uploader gone");
        }
    });
    let uploader = tokio::spawn(async move {
        let mut n = 0;
        while let Some(sample) = rx.recv().await {
            upload(sample).await;
            n += 1;
        }
        n
    });
    sensor.await.unwrap();
    println!("uploaded {} samples", uploader.await.unwrap());
}
