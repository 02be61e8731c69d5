// corpus: run
// Four thumbnails rendered together with `join!`, on a runtime with two
// worker threads.
use std::collections::HashSet;
use std::sync::Mutex;
use std::thread::{self, ThreadId};

/// The threads that rendered a thumbnail.
static THREADS: Mutex<Option<HashSet<ThreadId>>> = Mutex::new(None);

/// Pure computation: it never waits. (Smaller than the broken twin's: spread
/// over both workers, short jobs never hold the loop long, even when other
/// programs share the machine's cores.)
fn render(image: u64) -> u64 {
    let mut pixel = image;
    for step in 0..250_000u64 {
        pixel = pixel.wrapping_mul(31) ^ step;
    }
    let mut threads = THREADS.lock().unwrap();
    threads
        .get_or_insert_with(HashSet::new)
        .insert(thread::current().id());
    pixel
}

async fn render_all() -> [u64; 4] {
    // A task per thumbnail: any free worker thread picks each one up.
    let (a, b, c, d) = tokio::join!(
        tokio::spawn(async { render(1) }),
        tokio::spawn(async { render(2) }),
        tokio::spawn(async { render(3) }),
        tokio::spawn(async { render(4) }),
    );
    [a.unwrap(), b.unwrap(), c.unwrap(), d.unwrap()]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let thumbnails = render_all().await;
    let threads = THREADS.lock().unwrap().take().unwrap_or_default().len();
    println!("{} thumbnails on {threads} threads", thumbnails.len());
    assert!(
        threads >= 2,
        "the 4 thumbnails rendered on {threads} thread: they took turns in one task, one after another"
    );
}
