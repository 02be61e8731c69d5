// corpus: run
use std::time::Duration;
use tokio::time::Instant;

async fn fetch_weather() -> &'static str {
    tokio::time::sleep(Duration::from_millis(100)).await;
    "sunny"
}

async fn fetch_news() -> &'static str {
    tokio::time::sleep(Duration::from_millis(100)).await;
    "all quiet"
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let (weather, news) = tokio::join!(fetch_weather(), fetch_news());
    let ms = start.elapsed().as_millis();
    println!("{weather}, {news}");
    assert!(ms < 160, "the two requests took {ms} ms: they ran one after another");
}
