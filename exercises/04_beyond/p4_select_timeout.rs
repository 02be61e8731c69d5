// Cancellation is dropping.
//
// A future is a value that isn't here yet; it only makes progress while
// someone polls it. So cancelling needs no "cancel" button: drop the future
// and it is never polled again; it stops at the `.await` where it was
// waiting. A race between several futures, polled in one task, where the
// first one ready wins and the others are dropped, cancels the losers.
// (A spawned task is different: dropping its JoinHandle does not cancel it;
// `handle.abort()` does.) A guest waits at most 300 ms for the soup, then
// leaves, and the soup should not be cooked any further; `serve_or_give_up`
// waits as long as the cooking takes.
//
// Fix `serve_or_give_up`: the guest waits 300 ms at most. Done when
// the tests pass: a quick soup is served, a slow one is given up after 300 ms,
// and the abandoned soup is never finished (it was dropped, not left running).

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::sleep;

async fn cook(ms: u64, finished: Arc<AtomicU32>) -> String {
    sleep(Duration::from_millis(ms)).await;
    finished.fetch_add(1, Ordering::SeqCst);
    String::from("soup")
}

/// `Some(dish)` if it is ready within 300 ms, `None` if the guest gave up.
async fn serve_or_give_up(cooking: impl Future<Output = String>) -> Option<String> {
    // TODO: the guest waits at most 300 ms; this waits as long as the cooking.
    let dish = cooking.await;
    Some(dish)
}

#[tokio::main]
async fn main() {
    let finished = Arc::new(AtomicU32::new(0));
    let dish = serve_or_give_up(cook(100, finished)).await;
    println!("the guest got: {dish:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn a_quick_soup_is_served() {
        let finished = Arc::new(AtomicU32::new(0));
        let dish = serve_or_give_up(cook(100, finished)).await;
        assert_eq!(
            dish.as_deref(),
            Some("soup"),
            "the soup was ready after 100 ms, within the 300 ms the guest waits: serve it"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_soup_is_given_up_and_dropped() {
        let finished = Arc::new(AtomicU32::new(0));
        let start = Instant::now();
        let dish = serve_or_give_up(cook(1000, finished.clone())).await;
        let waited = start.elapsed().as_millis();
        assert!(
            waited <= 310,
            "the guest waited {waited} ms for a 1000 ms soup: nothing raced the cooking against a 300 ms timer"
        );
        assert!(dish.is_none(), "the guest left: return None");
        sleep(Duration::from_secs(2)).await;
        assert_eq!(
            finished.load(Ordering::SeqCst),
            0,
            "the abandoned soup was finished later anyway: it kept running instead of being dropped"
        );
    }
}
