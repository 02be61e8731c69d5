async fn load_guests() -> Vec<String> {
    vec!["ada".to_string(), "grace".to_string()]
}

#[tokio::main]
async fn main() {
    let guests = load_guests().await;
    for g in guests.iter() {
        println!("welcome, {g}");
    }
}
