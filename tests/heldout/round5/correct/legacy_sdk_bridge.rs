use std::time::Duration;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

async fn fetch_tariff(zone: u8) -> f64 {
    tokio::time::sleep(Duration::from_millis(20)).await;
    0.18 + zone as f64 * 0.02
}

/// The old metering SDK drives a synchronous callback on its own thread.
fn legacy_meter_callback(handle: &Handle, zone: u8, kwh: f64) -> f64 {
    // we are on a plain OS thread here, not on a runtime worker, so blocking on the handle is fine
    let tariff = handle.block_on(fetch_tariff(zone));
    kwh * tariff
}

#[tokio::main]
async fn main() {
    let handle = Handle::current();
    let (tx, rx) = oneshot::channel();

    let sdk_thread = std::thread::spawn(move || {
        let readings = [(1u8, 12.5), (2, 7.25), (3, 30.0)];
        let bill: f64 = readings.iter().map(|&(z, kwh)| legacy_meter_callback(&handle, z, kwh)).sum();
        let _ = tx.send(bill);
    });

    let bill = rx.await.expect("sdk thread died");
    tokio::task::spawn_blocking(move || sdk_thread.join().unwrap()).await.unwrap();
    println!("monthly bill: EUR {bill:.2}");
}
