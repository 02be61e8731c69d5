use std::error::Error;
use tokio::time::{sleep, Duration};

async fn download(feed: &str) -> String {
    sleep(Duration::from_millis(10)).await;
    match feed {
        "prices" => "101\n102\n99\n".to_string(),
        _ => "7\nnot-a-number\n".to_string(),
    }
}

async fn sync_feed(feed: &str) -> Result<u64, Box<dyn Error + Send + Sync>> {
    let body = download(feed).await;
    let mut sum = 0;
    for line in body.lines() {
        sum += line.parse::<u64>()?;
    }
    Ok(sum)
}

async fn alert_ops(feed: &str, reason: String) {
    sleep(Duration::from_millis(5)).await; // page the on-call engineer
    println!("ALERT {feed}: {reason}");
}

#[tokio::main]
async fn main() {
    let mut handles = Vec::new();
    for feed in ["prices", "volumes"] {
        handles.push(tokio::spawn(async move {
            match sync_feed(feed).await {
                Ok(sum) => println!("{feed}: synced, checksum {sum}"),
                Err(e) => alert_ops(feed, e.to_string()).await,
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
}
