// corpus: run
async fn fetch_menu() -> Vec<&'static str> {
    vec!["soup", "salad"]
}

#[tokio::main]
async fn main() {
    let menu = fetch_menu().await;
    println!("{menu:?}");
}
