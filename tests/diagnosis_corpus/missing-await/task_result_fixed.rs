#[tokio::main]
async fn main() {
    let handle = tokio::spawn(async { 6 * 7 });
    let answer: i32 = handle.await.unwrap();
    println!("{answer}");
}
