// corpus: run
use std::time::Duration;

async fn countdown() {
    for n in (1..=3).rev() {
        println!("{n}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn main() {
    futures::executor::block_on(countdown());
}
