// corpus: run
use std::time::Duration;

#[tokio::main]
async fn main() {
    let backup = tokio::spawn(async {
        tokio::time::sleep(Duration::from_millis(1)).await;
        let disk: Vec<u8> = Vec::new();
        println!("first byte: {}", disk[0]);
    });
    let _ = backup.await;
    println!("backup finished");
}
