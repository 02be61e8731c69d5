// Graceful shutdown: finish the work you hold before you go.
//
// The logger takes records from a channel and writes them to disk in batches
// of three (every write costs 10 ms, however much it carries). At closing time
// the boss sends `true` on a `watch` channel and the logger must stop at once;
// but records it accepted belong on the disk, not in its hands. Here `logger`
// returns the moment the signal comes, and the last records, too few to fill
// a batch, are lost. Fix `logger`. Done when every record sent before closing
// time is on the disk when the logger returns, and it still returns at once.

use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio::time::{sleep, Instant};

/// One write to disk: 10 ms, however many records it carries.
async fn write(disk: &mut Vec<Vec<u32>>, batch: Vec<u32>) {
    sleep(Duration::from_millis(10)).await;
    disk.push(batch);
}

/// Writes records in batches of three until closing time; returns the disk.
async fn logger(
    mut records: mpsc::Receiver<u32>,
    mut closing: watch::Receiver<bool>,
) -> Vec<Vec<u32>> {
    let (mut disk, mut batch) = (Vec::new(), Vec::new());
    loop {
        tokio::select! {
            Some(record) = records.recv() => {
                batch.push(record);
                if batch.len() == 3 {
                    write(&mut disk, std::mem::take(&mut batch)).await;
                }
            }
            // TODO: closing time. Is everything this logger accepted on the disk?
            _ = closing.changed() => return disk,
        }
    }
}

/// One record every 100 ms, `count` of them; closing time at `close_ms`.
async fn day(count: u32, close_ms: u64) -> (Vec<Vec<u32>>, u128) {
    let (tx, rx) = mpsc::channel(16);
    let (boss, closing) = watch::channel(false);
    let start = Instant::now();
    let clerk = async move {
        for record in 1..=count {
            sleep(Duration::from_millis(100)).await;
            tx.send(record).await.unwrap();
        }
    };
    let closing_time = async move {
        sleep(Duration::from_millis(close_ms)).await;
        boss.send(true).unwrap();
    };
    let disk = tokio::join!(clerk, closing_time, logger(rx, closing)).2;
    (disk, start.elapsed().as_millis())
}

#[tokio::main]
async fn main() {
    println!("{:?}", day(7, 750).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_record_reaches_the_disk() {
        let (disk, home) = day(7, 750).await;
        assert_eq!(
            disk.concat(),
            [1, 2, 3, 4, 5, 6, 7],
            "7 records were sent before closing time, but the disk holds {disk:?}: \
             the logger left with the last ones still in its batch"
        );
        assert!(
            home <= 760,
            "the logger went home at {home} ms, not at closing time"
        );
        let (disk, _) = day(6, 650).await;
        assert_eq!(
            disk,
            [[1, 2, 3], [4, 5, 6]],
            "6 records make two full batches; there is nothing left to write at closing time, \
             so write no empty batch"
        );
    }
}
