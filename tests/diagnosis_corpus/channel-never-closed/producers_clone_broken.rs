// corpus: run
use tokio::sync::mpsc;

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(16);
    for sensor in 0..3 {
        let tx = tx.clone();
        tokio::spawn(async move {
            tx.send(sensor * 10).await.unwrap();
        });
    }
    let mut sum = 0;
    while let Some(reading) = rx.recv().await {
        sum += reading;
    }
    println!("sum of readings: {sum}");
}
