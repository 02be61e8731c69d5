// Sensor gateway: a vibration sensor produces samples as fast as it can;
// the uploader drains the shared buffer in chunks of 50 per 1 ms upload.
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Sample {
    at: Instant,
    value: f32,
}

#[tokio::main]
async fn main() {
    let buffer: Arc<Mutex<Vec<Sample>>> = Arc::new(Mutex::new(Vec::new()));
    let total = 20_000;

    let buf = buffer.clone();
    let sensor = tokio::spawn(async move {
        let mut peak = 0;
        for i in 0..total {
            let len = {
                let mut b = buf.lock().unwrap();
                b.push(Sample { at: Instant::now(), value: (i as f32 * 0.1).sin() });
                b.len()
            };
            peak = peak.max(len);
            tokio::task::yield_now().await;
        }
        peak
    });

    let buf = buffer.clone();
    let uploader = tokio::spawn(async move {
        let (mut uploaded, mut worst) = (0, Duration::ZERO);
        let mut energy = 0.0f32;
        while uploaded < total {
            let chunk: Vec<Sample> = {
                let mut b = buf.lock().unwrap();
                let n = b.len().min(50);
                b.drain(..n).collect()
            };
            tokio::time::sleep(Duration::from_millis(1)).await; // upload
            for s in &chunk {
                worst = worst.max(s.at.elapsed());
                energy += s.value * s.value;
            }
            uploaded += chunk.len();
        }
        (uploaded, worst, energy)
    });

    let peak = sensor.await.unwrap();
    let (uploaded, worst, energy) = uploader.await.unwrap();
    println!("uploaded {uploaded} samples, energy {energy:.0}");
    println!("peak buffer: {peak} samples, worst sample age at upload: {} ms", worst.as_millis());
}
