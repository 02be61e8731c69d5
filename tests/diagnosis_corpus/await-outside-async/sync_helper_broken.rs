async fn read_temperature() -> f64 {
    21.5
}

fn report() -> String {
    let t = read_temperature().await;
    format!("{t} degrees")
}

#[tokio::main]
async fn main() {
    println!("{}", report());
}
