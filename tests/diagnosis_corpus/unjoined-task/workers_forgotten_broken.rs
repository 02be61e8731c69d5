use std::time::Duration;

async fn deliver(parcel: u32) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("parcel {parcel} delivered");
}

#[tokio::main]
async fn main() {
    for parcel in 1..=3 {
        tokio::spawn(deliver(parcel));
    }
    println!("all parcels handed out");
}
