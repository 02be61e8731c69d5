use futures::stream;

#[tokio::main]
async fn main() {
    let ticks = stream::unfold(0u32, |n| async move { (n < 3).then(|| (n, n + 1)) });
    let doubled: Vec<u32> = ticks.map(|n| n * 2).collect().await;
    println!("{doubled:?}");
}
