// corpus: run
// Eight checksums joined in one task, on a runtime with two worker threads.
use std::collections::HashSet;
use std::sync::Mutex;
use std::thread::{self, ThreadId};

/// The threads that computed a checksum.
static THREADS: Mutex<Option<HashSet<ThreadId>>> = Mutex::new(None);

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
    // One task per checksum, all started before any is awaited.
    let handles: Vec<_> = (1..=files)
        .map(|file| tokio::spawn(async move { checksum(file, size) }))
        .collect();
    let mut sums = Vec::new();
    for handle in handles {
        sums.push(handle.await.unwrap());
    }
    sums
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // Small jobs: spread over both workers they never hold the loop long,
    // even when other programs share the machine's cores.
    let sums = checksum_all(8, 100_000).await;
    let threads = THREADS.lock().unwrap().take().unwrap_or_default().len();
    println!("{} checksums on {threads} threads", sums.len());
    assert!(
        threads >= 2,
        "the 8 checksums ran on {threads} thread: they took turns in one task, one after another"
    );
}
