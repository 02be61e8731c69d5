// corpus: run
use std::time::Duration;

async fn countdown() {
    for n in (1..=3).rev() {
        println!("{n}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn main() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(countdown());
}
