// corpus: run
//! Each parcel is weighed by a task; a parcel with no number makes its
//! task panic, and the shipment goes on as if it had been weighed.
use std::time::Duration;

async fn weigh(parcel: u32) -> u32 {
    tokio::time::sleep(Duration::from_millis(5)).await;
    assert!(parcel != 0, "a parcel with no number");
    parcel * 2
}

async fn ship(parcels: Vec<u32>) -> u32 {
    let mut total = 0;
    for parcel in parcels {
        let handle = tokio::spawn(weigh(parcel));
        if let Ok(w) = handle.await {
            total += w;
        }
    }
    total
}

#[tokio::main]
async fn main() {
    let total = ship(vec![3, 0, 4]).await;
    println!("shipped: {total} kg");
}
