use std::time::Duration;

fn wait_for_oven() {
    std::thread::sleep(Duration::from_millis(15));
}

async fn bake(item: &str) -> String {
    wait_for_oven();
    format!("{item} baked")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (a, b) = tokio::join!(bake("bread"), bake("pie"));
    println!("{a}, {b}");
}
