// corpus: run
async fn read_temperature() -> f64 {
    21.5
}

async fn report() -> String {
    let t = read_temperature().await;
    format!("{t} degrees")
}

#[tokio::main]
async fn main() {
    println!("{}", report().await);
}
