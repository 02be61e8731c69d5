// corpus: run
use futures::StreamExt;

#[tokio::main]
async fn main() {
    let mut prices = futures::stream::iter(vec![3, 5, 8]);
    let mut total = 0;
    while let Some(p) = prices.next().await {
        total += p;
    }
    println!("{total}");
}
