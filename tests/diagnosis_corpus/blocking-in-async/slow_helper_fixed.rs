// corpus: run
use std::time::Duration;

async fn wait_for_oven() {
    tokio::time::sleep(Duration::from_millis(15)).await;
}

async fn bake(item: &str) -> String {
    wait_for_oven().await;
    format!("{item} baked")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (a, b) = tokio::join!(bake("bread"), bake("pie"));
    println!("{a}, {b}");
}
