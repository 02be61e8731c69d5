// corpus: run
use futures::StreamExt;
use std::time::Duration;

const SAMPLES: u32 = 20_000;

#[tokio::main]
async fn main() {
    let (samples, mut inbox) = futures::channel::mpsc::unbounded::<Vec<u8>>();
    tokio::spawn(async move {
        for s in 0..SAMPLES {
            samples.unbounded_send(vec![(s % 251) as u8; 256]).unwrap();
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
