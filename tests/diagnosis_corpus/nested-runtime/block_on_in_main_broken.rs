// corpus: run
async fn fetch_menu() -> Vec<&'static str> {
    vec!["soup", "salad"]
}

#[tokio::main]
async fn main() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let menu = rt.block_on(fetch_menu());
    println!("{menu:?}");
}
