// The CPU hog
//
// A task gives the thread back only when its future answers "not yet"
// (`Poll::Pending`). A long computation never does: it is not waiting for
// anything, it is just busy, so it keeps the thread and every other task
// waits until it is done. An `.await` alone does not change that: awaiting
// something that is ready at once just goes on. On one thread, that is the
// whole restaurant standing still while the receipts are added up.
//
// What to fix: `audit` adds up a million receipts in one go. Let the other
// tasks have a turn now and then (say every 10 000 receipts), or do the
// adding on a thread that is not the loop's. (`std::thread::yield_now()`
// does not help: it only asks the operating system to run another thread,
// and no other task on this one runs.)
//
// Done when the greeter task gets turns while the audit is running.

/// Adds up the receipts: pure computation, nothing to wait for.
async fn audit(receipts: Vec<u64>) -> u64 {
    let mut total = 0;
    for (i, receipt) in receipts.iter().enumerate() {
        total += receipt % 7;
        // TODO: every 10 000 receipts, let the other tasks have a turn.
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
            "the greeter got {n} turns while the audit ran: the audit never answered \
             Pending, so it kept the event loop's only thread until it finished (an \
             .await on something ready at once gives nothing back). Give the thread \
             back now and then"
        );
    }
}
