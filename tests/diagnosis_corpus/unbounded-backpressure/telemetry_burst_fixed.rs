// corpus: run
use futures::{SinkExt, StreamExt};
use std::time::Duration;

const SAMPLES: u32 = 20_000;

#[tokio::main]
async fn main() {
    let (mut samples, mut inbox) = futures::channel::mpsc::channel::<Vec<u8>>(64);
    tokio::spawn(async move {
        for s in 0..SAMPLES {
            samples.send(vec![(s % 251) as u8; 256]).await.unwrap();
        }
    });
    let mut stored = 0usize;
    while let Some(sample) = inbox.next().await {
        if stored % 2_000 == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        stored += sample.len();
    }
    println!("stored {stored} bytes");
}
