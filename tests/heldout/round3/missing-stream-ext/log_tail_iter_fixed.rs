use futures::stream;
use futures::StreamExt;
use tokio::time::{sleep, Duration};

#[derive(Debug, Default)]
struct Counts {
    info: usize,
    warn: usize,
    error: usize,
}

async fn classify(line: &str, counts: &mut Counts) {
    sleep(Duration::from_millis(2)).await; // enrich from the trace store
    if line.contains("ERROR") {
        counts.error += 1;
    } else if line.contains("WARN") {
        counts.warn += 1;
    } else {
        counts.info += 1;
    }
}

#[tokio::main]
async fn main() {
    let lines = vec![
        "12:00:01 INFO  server started",
        "12:00:02 WARN  slow query (812 ms)",
        "12:00:05 ERROR payment gateway timeout",
        "12:00:06 INFO  request served",
        "12:00:09 ERROR payment gateway timeout",
    ];
    let mut tail = stream::iter(lines);
    let mut counts = Counts::default();
    while let Some(line) = tail.next().await {
        classify(line, &mut counts).await;
    }
    println!("{counts:?}");
}
