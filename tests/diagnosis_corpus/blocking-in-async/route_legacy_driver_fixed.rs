// corpus: run
// Reads two sensors through a vendor driver that only has a blocking API.
use std::time::{Duration, Instant};

/// The vendor's driver: it blocks until the sensor answers.
fn read_sensor_blocking(id: u32) -> u32 {
    std::thread::sleep(Duration::from_millis(150));
    20 + id
}

async fn read_sensor(id: u32) -> u32 {
    tokio::task::spawn_blocking(move || read_sensor_blocking(id))
        .await
        .expect("the driver call panicked")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let (a, b) = tokio::join!(read_sensor(1), read_sensor(2));
    let ms = started.elapsed().as_millis();
    println!("sensors: {a} {b} in {ms} ms");
    assert!(
        ms < 250,
        "the two readings took {ms} ms: the loop's thread waited for each in turn"
    );
}
