// corpus: run
use std::time::Duration;

#[tokio::main]
async fn main() {
    let backup = tokio::spawn(async {
        tokio::time::sleep(Duration::from_millis(1)).await;
        let disk: Vec<u8> = vec![7];
        println!("first byte: {}", disk[0]);
    });
    match backup.await {
        Ok(()) => println!("backup finished"),
        Err(e) => eprintln!("the backup task failed: {e}"),
    }
}
