// Parallelism across cores: the multi-thread runtime and `spawn_blocking`.
//
// Concurrency is taking turns at `.await`; parallelism is doing two things at
// the same instant on two cores. Tokio's multi-thread runtime runs the event
// loop on several worker threads, so tasks (which must be `Send`, as they may
// move between threads) can run in parallel. But each worker is still an
// event loop: a task that crunches numbers with no `.await` holds its worker
// the whole time. Give every worker a hog and no one is left to run the other
// tasks: the bell that should ring every 10 ms goes silent. CPU-heavy work
// belongs on `tokio::task::spawn_blocking`, a separate pool of threads made
// for work that never pauses, which leaves the workers free.
//
// Fix `crunch_all`: run each crunch off the event loop, all four in parallel.
// Done when the bell never goes silent for 100 ms and the results are right.

use std::time::{Duration, Instant};

/// Heavy number crunching: keeps a CPU busy for 200 ms and never pauses.
fn crunch(chunk: u64) -> u64 {
    let until = Instant::now() + Duration::from_millis(200);
    while Instant::now() < until {
        std::hint::spin_loop();
    }
    chunk * chunk
}

async fn crunch_all() -> Vec<u64> {
    let mut jobs = Vec::new();
    for chunk in 1..=4 {
        jobs.push(tokio::task::spawn_blocking(move || crunch(chunk)));
    }
    let mut results = Vec::new();
    for job in jobs {
        results.push(job.await.unwrap());
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
    use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
    use std::sync::Arc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_bell_keeps_ringing_while_crunching() {
        let silence = Arc::new(AtomicU64::new(0)); // longest gap between rings, ms
        let heard = silence.clone();
        let bell = tokio::spawn(async move {
            let mut last = Instant::now();
            loop {
                tokio::time::sleep(Duration::from_millis(10)).await;
                heard.fetch_max(last.elapsed().as_millis() as u64, SeqCst);
                last = Instant::now();
            }
        });
        let start = Instant::now();
        let results = crunch_all().await;
        let took = start.elapsed().as_millis();
        tokio::time::sleep(Duration::from_millis(30)).await; // let the bell ring again
        bell.abort();
        let silence = silence.load(SeqCst);
        assert!(
            silence < 100,
            "the bell went silent for {silence} ms: crunching on the workers \
            held every thread of the event loop, so no other task could run"
        );
        assert!(
            took < 600,
            "the four crunches took {took} ms: run them in parallel, not one after another"
        );
        assert_eq!(results, [1, 4, 9, 16], "each chunk's result, in order");
    }
}
