// Graceful shutdown: one signal that everyone obeys.
//
// A `tokio::sync::watch` channel holds one value that many tasks (or many
// futures of one task) can watch. Three hosts seat guests here, side by side
// in one `join_all`. At closing time the boss sends `true` and every host
// must go home: at once if it is only waiting for a guest (that future can
// simply be dropped), but only after finishing the table it is serving
// (dropping that future half-way would leave a guest with half a meal).
// `host` ignores the signal, so closing time never ends. Fix `host`. Done
// when all three hosts go home at once if idle, or right after the table in
// progress.

use futures::future::join_all;
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::{sleep, Instant};

async fn next_guest() {
    sleep(Duration::from_millis(300)).await;
}

async fn serve_table() {
    sleep(Duration::from_millis(100)).await;
}

/// Waits for guests and serves them until closing time; returns tables served.
async fn host(closing: watch::Receiver<bool>) -> u32 {
    let mut served = 0;
    loop {
        // TODO: obey `closing`: stop waiting for a guest as soon as it says so,
        // but never drop a table half-served.
        next_guest().await;
        serve_table().await;
        served += 1;
    }
}

/// Three hosts; closing time at `close_ms`. Returns (tables, home at ms).
async fn close_at(close_ms: u64) -> Vec<(u32, u128)> {
    let (boss, closing) = watch::channel(false);
    let start = Instant::now();
    let hosts = (0..3).map(|_| {
        let closing = closing.clone();
        async move { (host(closing).await, start.elapsed().as_millis()) }
    });
    let closing_time = async {
        sleep(Duration::from_millis(close_ms)).await;
        boss.send(true).unwrap();
    };
    let everyone = async { tokio::join!(closing_time, join_all(hosts)).1 };
    let reports = tokio::time::timeout(Duration::from_secs(2), everyone).await;
    reports.unwrap_or_else(|_| {
        panic!("a host still works 2 s after closing time: it ignores the signal")
    })
}

#[tokio::main]
async fn main() {
    println!("{:?}", close_at(350).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_host_goes_home_gracefully() {
        for (served, home) in close_at(350).await {
            assert!(
                served == 1 && home <= 405,
                "told to close at 350 ms, mid-table, a host went home at {home} ms after \
                 {served} tables: finish the table in progress (until 400 ms), then stop"
            );
        }
        for (served, home) in close_at(500).await {
            assert!(
                served == 1 && home <= 505,
                "told to close at 500 ms, while waiting for a guest, a host went home at \
                 {home} ms: stop waiting as soon as the signal comes"
            );
        }
    }
}
