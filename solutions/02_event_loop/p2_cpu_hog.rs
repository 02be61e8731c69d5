// The CPU hog
//
// Tasks take turns on the event loop only at their `.await` points. A long
// computation with no `.await` in it never gives the thread back: it is not
// waiting for anything, it is just busy, and every other task waits until
// it is done. On one thread, that is the whole restaurant standing still
// while one waiter adds up receipts.
//
// What to fix: `audit` adds up a million receipts in one go. Let it pause now
// and then (say every 10 000 receipts) so that other tasks get a turn. Two
// ways work: give the turn back with an `.await` on something that is
// ready at once, or move the whole computation to a thread meant for
// blocking work and `.await` its result.
//
// Done when the greeter task gets turns while the audit is running.

/// Adds up the receipts: pure computation, nothing to wait for.
async fn audit(receipts: Vec<u64>) -> u64 {
    let mut total = 0;
    for (i, receipt) in receipts.iter().enumerate() {
        total += receipt % 7;
        if i % 10_000 == 0 {
            // Back of the queue for a moment: the other tasks get a turn.
            tokio::task::yield_now().await;
        }
    }
    total
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("total: {}", audit((0..1_000_000).collect()).await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    use std::sync::Arc;

    #[tokio::test(flavor = "current_thread")]
    async fn the_greeter_gets_turns_during_the_audit() {
        let turns = Arc::new(AtomicU32::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let (t, d) = (turns.clone(), done.clone());
        let greeter = tokio::spawn(async move {
            while !d.load(Ordering::SeqCst) {
                t.fetch_add(1, Ordering::SeqCst); // one guest greeted
                tokio::task::yield_now().await;
            }
        });

        let total = audit((0..1_000_000).collect()).await;
        let n = turns.load(Ordering::SeqCst);
        done.store(true, Ordering::SeqCst);
        greeter.await.unwrap();

        assert_eq!(total, 2_999_997, "the audit's total is wrong");
        assert!(
            n >= 10,
            "the greeter got {n} turns while the audit ran: the audit is a loop with \
             no .await, so it kept the event loop's only thread until it finished. \
             Give the thread back now and then"
        );
    }
}
