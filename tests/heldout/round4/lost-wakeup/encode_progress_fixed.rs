// Media transcoder queue: the encoder task reports progress into a shared
// feed; the UI consumes the feed as a Stream and prints each update.
use futures::{Stream, StreamExt};
use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Default)]
struct Shared {
    updates: VecDeque<u8>,
    done: bool,
    waker: Option<Waker>,
}

struct ProgressFeed(Arc<Mutex<Shared>>);

impl Stream for ProgressFeed {
    type Item = u8;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u8>> {
        let mut s = self.0.lock().unwrap();
        if let Some(p) = s.updates.pop_front() {
            Poll::Ready(Some(p))
        } else if s.done {
            Poll::Ready(None)
        } else {
            s.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

fn report(shared: &Mutex<Shared>, percent: Option<u8>) {
    let mut s = shared.lock().unwrap();
    match percent {
        Some(p) => s.updates.push_back(p),
        None => s.done = true,
    }
    if let Some(w) = s.waker.take() {
        w.wake();
    }
}

#[tokio::main]
async fn main() {
    let shared = Arc::new(Mutex::new(Shared::default()));
    let enc = shared.clone();
    let encoder = tokio::spawn(async move {
        for p in (0..=100).step_by(25) {
            tokio::time::sleep(Duration::from_millis(20)).await; // encode a segment
            report(&enc, Some(p as u8));
        }
        report(&enc, None);
    });
    let mut feed = ProgressFeed(shared);
    while let Some(p) = feed.next().await {
        println!("encoding holiday.mkv: {p}%");
    }
    encoder.await.unwrap();
    println!("holiday.mkv done");
}
