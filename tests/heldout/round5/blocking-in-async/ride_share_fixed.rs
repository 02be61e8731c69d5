use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug)]
struct RideRequest {
    rider: String,
    pickup: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::unbounded_channel::<RideRequest>();

    // dispatcher: matches incoming requests to drivers
    let dispatcher = tokio::spawn(async move {
        let mut drivers = ["Ana", "Bo", "Chen"].into_iter().cycle();
        let mut matched = 0;
        while let Some(req) = rx.recv().await {
            let driver = drivers.next().unwrap();
            tokio::time::sleep(Duration::from_millis(10)).await; // push notification to the driver app
            println!("{driver} picks up {} at {}", req.rider, req.pickup);
            matched += 1;
        }
        matched
    });

    // rider app: requests trickle in
    let app = tokio::spawn(async move {
        for (i, spot) in ["Main St", "Airport", "Harbor", "Stadium"].iter().enumerate() {
            tokio::time::sleep(Duration::from_millis(25)).await;
            tx.send(RideRequest { rider: format!("rider{i}"), pickup: spot.to_string() })
                .unwrap();
        }
    });

    app.await.unwrap();
    let matched = dispatcher.await.unwrap();
    println!("matched {matched} rides");
}
