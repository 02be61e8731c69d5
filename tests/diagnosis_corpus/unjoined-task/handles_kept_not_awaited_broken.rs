use std::time::Duration;

#[tokio::main]
async fn main() {
    let mut uploads = Vec::new();
    for file in ["a.txt", "b.txt"] {
        uploads.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            println!("uploaded {file}");
        }));
    }
    println!("{} uploads started", uploads.len());
}
