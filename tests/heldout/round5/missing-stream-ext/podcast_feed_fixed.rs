use futures::stream::{self, Stream, StreamExt};
use std::time::Duration;

/// Pages through a podcast feed, newest first.
fn episodes(feed: &'static str, available: u32) -> impl Stream<Item = String> {
    stream::unfold(available, move |n| async move {
        if n == 0 {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(5)).await; // next page of the RSS feed
        Some((format!("{feed} #{n}"), n - 1))
    })
}

async fn latest(feed: &'static str, available: u32, count: usize) -> Vec<String> {
    let mut page = Box::pin(episodes(feed, available).take(count));
    let mut out = Vec::new();
    while let Some(ep) = page.next().await {
        out.push(ep);
    }
    out
}

#[tokio::main]
async fn main() {
    for ep in latest("Async Hour", 42, 3).await {
        println!("new: {ep}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn takes_newest_first() {
        assert_eq!(latest("pod", 10, 2).await, vec!["pod #10", "pod #9"]);
    }

    #[tokio::test(start_paused = true)]
    async fn short_feed() {
        assert_eq!(latest("pod", 1, 5).await.len(), 1);
    }
}
