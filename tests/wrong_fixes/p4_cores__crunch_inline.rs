// Wrong fix: crunches inline in `crunch_all`, with no spawn at all: the crunches run one after another, and on the waiter that polls `crunch_all`, which no other task can have meanwhile.
// Parallelism across cores: the multi-thread runtime, and work that never waits.
//
// Concurrency is taking turns at `.await`; parallelism is doing two things at
// the same instant on two cores. Tokio's multi-thread runtime has several
// waiters (its worker threads), so tasks can run in parallel, one on each
// waiter (that is one reason `tokio::spawn` asks for `Send` futures: a task
// may move between threads). But each waiter still carries one order at a
// time: a task that crunches numbers with no `.await` keeps its waiter until
// it is done. Give every waiter a crunch and no one is left to run the other
// tasks.
//
// Work that never waits belongs on threads that are not the waiters. Tokio's
// blocking pool, `tokio::task::spawn_blocking`, is made for blocking work that
// eventually finishes; it starts threads as they are needed (up to 512 by
// default, not one per core), which is fine for a few jobs like these four.
// For sustained CPU work, tokio's docs recommend a pool sized for the cores
// (the rayon crate, for one) or threads of your own; either way the result
// comes back through something you can `.await`.
//
// Fix `crunch_all`: run the four crunches off the waiters, side by side.
// Done when the tests pass: the runtime stays free to run other tasks, the
// crunches run at the same time, and the counts are right.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

/// How many crunches are running right now, and the most that ever ran at once.
static CRUNCHING: AtomicUsize = AtomicUsize::new(0);
static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);

/// Heavy number crunching that never waits: counts the primes among the
/// chunk's 300 000 numbers, by trial division.
fn crunch(chunk: u64) -> u64 {
    let now = CRUNCHING.fetch_add(1, SeqCst) + 1;
    MOST_AT_ONCE.fetch_max(now, SeqCst);
    const SIZE: u64 = 300_000;
    let mut primes = 0;
    for n in chunk * SIZE..(chunk + 1) * SIZE {
        if (2..).take_while(|d| d * d <= n).all(|d| n % d != 0) {
            primes += 1;
        }
    }
    CRUNCHING.fetch_sub(1, SeqCst);
    primes
}

async fn crunch_all() -> Vec<u64> {
    let mut results = Vec::new();
    for chunk in 1..=4 {
        results.push(crunch(chunk));
    }
    results
}

#[tokio::main]
async fn main() {
    println!("{:?}", crunch_all().await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;
    use support::watchdog::Watchdog;

    // Real time here, not the paused clock: this test is about threads and cores.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_waiters_stay_free_while_the_crunches_run_side_by_side() {
        let start = Instant::now();
        let first = crunch(1); // one crunch alone, to know how long one takes here
        let one_crunch = start.elapsed();
        // Notices when no waiter answers, or `crunch_all` keeps its thread, for
        // half a crunch or more.
        let dog = Watchdog::start(one_crunch / 2);
        let results = dog.watch(crunch_all()).await;
        let stalled = dog.max_blocked().as_millis();
        assert!(
            stalled == 0,
            "for {stalled} ms the runtime could run no other task (one crunch takes about {} \
             ms here): the crunches kept the waiters (the worker threads), or `crunch_all` kept \
             its own thread while it waited for them",
            one_crunch.as_millis()
        );
        assert!(
            MOST_AT_ONCE.load(SeqCst) >= 2,
            "the crunches ran one after another: start all four before awaiting any"
        );
        assert_eq!(results[0], first, "chunk 1 has the same primes every time");
        assert_eq!(
            results,
            [23101, 22176, 21664, 21217],
            "each chunk's count of primes, in order"
        );
    }
}
