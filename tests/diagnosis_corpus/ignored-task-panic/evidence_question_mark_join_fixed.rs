// corpus: run
//! Each parcel is weighed by a task; a parcel with no number makes its
//! task panic on purpose. The JoinError is passed on with `?` and main
//! reports it, then exits 0: the panic was handled, not ignored.
use std::time::Duration;
use tokio::task::JoinError;

async fn weigh(parcel: u32) -> u32 {
    tokio::time::sleep(Duration::from_millis(5)).await;
    assert!(parcel != 0, "a parcel with no number");
    parcel * 2
}

async fn ship(parcels: Vec<u32>) -> Result<u32, JoinError> {
    let mut total = 0;
    for parcel in parcels {
        let handle = tokio::spawn(weigh(parcel));
        total += handle.await?;
    }
    Ok(total)
}

#[tokio::main]
async fn main() {
    match ship(vec![3, 0, 4]).await {
        Ok(total) => println!("shipped: {total} kg"),
        Err(e) => eprintln!("the shipment stopped: {e}"),
    }
}
