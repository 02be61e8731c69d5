use futures::poll;
use std::task::Poll;
use tokio::sync::oneshot;

/// Wait for the worker's reply, giving up only if the channel is closed.
async fn await_reply(mut rx: oneshot::Receiver<u32>) -> Option<u32> {
    match poll!(&mut rx) {
        Poll::Ready(Ok(v)) => Some(v),
        Poll::Ready(Err(_closed)) => None,
        Poll::Pending => None,
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        // the worker needs a few scheduler turns before it has an answer
        for _ in 0..3 {
            tokio::task::yield_now().await;
        }
        let _ = tx.send(6 * 7);
    });
    let reply = await_reply(rx).await;
    println!("reply = {reply:?}");
    assert_eq!(reply, Some(42));
}
