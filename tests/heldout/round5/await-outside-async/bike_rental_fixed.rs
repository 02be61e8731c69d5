use std::time::Duration;

async fn reserve(bike_id: u32) -> Result<String, String> {
    // each dock answers over its own slow modem
    tokio::time::sleep(Duration::from_millis(10 + (bike_id as u64 % 4) * 10)).await;
    if bike_id % 5 == 3 {
        Err(format!("bike {bike_id} is in maintenance"))
    } else {
        Ok(format!("bike {bike_id} unlocked, code {:04}", bike_id * 37 % 10_000))
    }
}

#[tokio::main]
async fn main() {
    let requested = vec![4, 8, 15, 16, 23];

    let outcomes: Vec<Result<String, String>> = futures::future::join_all(
        requested.iter().map(|id| async move {
            let receipt = reserve(*id).await;
            receipt
        }),
    )
    .await;

    let ok = outcomes.iter().filter(|r| r.is_ok()).count();
    for outcome in &outcomes {
        match outcome {
            Ok(msg) => println!("ok:   {msg}"),
            Err(e) => println!("fail: {e}"),
        }
    }
    println!("{ok}/{} bikes reserved", requested.len());
}
