// Concurrency is not parallelism.
//
// `join!` and `join_all` run futures concurrently: inside one task, taking
// turns at their `.await`s, on the one thread that polls that task. That is
// just right for waiting (while one waits, the others go on), and no help at
// all for work that never waits: eight checksums joined in one task run one
// after another, on one thread, however many cores the machine has.
//
// The runtime in the test has two worker threads (two waiters). For both to
// work at once, each checksum must be a task of its own, which any free
// worker can pick up. (These jobs are short; the next exercise is about CPU
// work that goes on and on.) Fix `checksum_all`. Done when the checksums ran
// on more than one thread, and every sum is right.

use std::collections::HashSet;
use std::sync::Mutex;
use std::thread::{self, ThreadId};

/// The threads that computed a checksum.
static THREADS: Mutex<Option<HashSet<ThreadId>>> = Mutex::new(None);

/// A checksum of a file of `size` bytes: pure computation, it never waits.
fn checksum(file: u64, size: u64) -> u64 {
    let mut sum = file;
    for byte in 0..size {
        sum = sum.rotate_left(5) ^ (byte * file);
    }
    let mut threads = THREADS.lock().unwrap();
    threads
        .get_or_insert_with(HashSet::new)
        .insert(thread::current().id());
    sum
}

async fn checksum_all(files: u64, size: u64) -> Vec<u64> {
    // One task per checksum: any free worker thread can pick each one up.
    let jobs = (1..=files).map(|file| tokio::spawn(async move { checksum(file, size) }));
    let handles: Vec<_> = jobs.collect(); // all started before any is awaited
    let mut sums = Vec::new();
    for handle in handles {
        sums.push(handle.await.unwrap());
    }
    sums
}

#[tokio::main]
async fn main() {
    println!("{:x?}", checksum_all(8, 1_000).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_checksums_run_on_both_workers() {
        let sums = checksum_all(8, 2_000_000).await;
        let expected: Vec<u64> = (1..=8).map(|file| checksum(file, 2_000_000)).collect();
        assert_eq!(sums, expected, "every file's checksum, in the files' order");
        THREADS.lock().unwrap().take(); // forget the threads of `expected`
        let _ = checksum_all(8, 2_000_000).await;
        let threads = THREADS.lock().unwrap().take().unwrap_or_default().len();
        assert!(
            threads >= 2,
            "the 8 checksums ran on {threads} thread: joined in one task, they took turns on \
             the test's own thread, which polls it, one after another, while the workers stood idle"
        );
    }
}
