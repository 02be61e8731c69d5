// corpus: run
use std::time::Duration;

async fn serve(table: u32) {
    println!("taking the order of table {table}");
    tokio::time::sleep(Duration::from_millis(20)).await;
    println!("table {table} served");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(serve(1), serve(2), serve(3));
}
