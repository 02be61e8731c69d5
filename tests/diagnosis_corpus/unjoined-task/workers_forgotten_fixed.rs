// corpus: run
use std::time::Duration;

async fn deliver(parcel: u32) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("parcel {parcel} delivered");
}

#[tokio::main]
async fn main() {
    let mut rounds = Vec::new();
    for parcel in 1..=3 {
        rounds.push(tokio::spawn(deliver(parcel)));
    }
    for r in rounds {
        r.await.unwrap();
    }
    println!("all parcels handed out");
}
