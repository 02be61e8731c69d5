// Limit concurrency: at most 3 at a time.
//
// Starting work is cheap in async: one `tokio::spawn` per item and they all
// run at once. But what they wait on is not unlimited: the supplier's phone
// has three lines, a database a handful of connections. A spawn per item with
// no limit is an unbounded queue in disguise. What is missing is a way to
// say "at most N in flight": N passes that each call must hold, or a runner
// that keeps N futures going at a time and starts the next as one ends.
//
// Fix `order_all`: keep the calls overlapping, but never more than 3 at once,
// and start the next call as soon as a line is free. Done when 10 orders take
// about 400 ms, never more than 3 on the line.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;
use std::time::Duration;

/// The supplier: a call takes 100 ms, or 300 ms for the big order (item 1).
/// It counts how many calls overlap.
#[derive(Default)]
struct Supplier {
    on_the_line: AtomicUsize,
    most: AtomicUsize,
}

impl Supplier {
    async fn call(&self, item: u32) -> u32 {
        let now = self.on_the_line.fetch_add(1, SeqCst) + 1;
        self.most.fetch_max(now, SeqCst);
        let ms = if item == 1 { 300 } else { 100 };
        tokio::time::sleep(Duration::from_millis(ms)).await;
        self.on_the_line.fetch_sub(1, SeqCst);
        item
    }
}

async fn order_all(supplier: Arc<Supplier>, items: Vec<u32>) -> Vec<u32> {
    // TODO: every call starts at once. Allow at most 3 on the line at a time.
    let mut calls = Vec::new();
    for item in items {
        let supplier = supplier.clone();
        calls.push(tokio::spawn(async move { supplier.call(item).await }));
    }
    let mut crates = Vec::new();
    for call in calls {
        crates.push(call.await.unwrap());
    }
    crates
}

#[tokio::main]
async fn main() {
    let crates = order_all(Arc::default(), (1..=10).collect()).await;
    println!("{crates:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn three_lines_at_most_and_still_overlapping() {
        let supplier = Arc::new(Supplier::default());
        let start = Instant::now();
        let mut crates = order_all(supplier.clone(), (1..=10).collect()).await;
        let (ms, most) = (start.elapsed().as_millis(), supplier.most.load(SeqCst));
        assert!(
            most <= 3,
            "{most} calls were on the line at once: the supplier has 3 lines"
        );
        assert!(
            ms <= 450,
            "10 orders took {ms} ms: with a new call as soon as a line is free (not in \
             rounds of 3), they take 400 ms"
        );
        crates.sort();
        assert_eq!(
            crates,
            Vec::from_iter(1..=10),
            "order every crate exactly once"
        );
    }
}
