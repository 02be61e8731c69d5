// `select!` in a loop: the long job starts over on every turn.
//
// A `select!` in a loop looks like two things running side by side: a long
// job and a heartbeat. But every time the loop reaches the `select!`, its
// future expressions are evaluated again: each turn makes a brand-new
// future for the job, and when the heartbeat wins, the old one is dropped
// with all the work it had done. The report takes 250 ms to build and the
// heartbeat beats every 100 ms: the report starts from scratch every 100 ms
// and is never ready.
//
// Fix `report_with_heartbeat` so that the job is made once and carries on
// across turns, while the heartbeat keeps beating. Done when the report is
// ready after 250 ms, with a heartbeat at 0, 100 and 200 ms.

use std::time::Duration;
use tokio::time::{interval, sleep};

/// One step of the report: a slow query, added to the report so far.
async fn step(report: String, table: &str, ms: u64) -> String {
    sleep(Duration::from_millis(ms)).await;
    format!("{report}{table}: ok. ")
}

/// The nightly report: three steps, each on the one before, 250 ms in all.
async fn build_report() -> String {
    let report = step(String::new(), "orders", 100).await;
    let report = step(report, "refunds", 100).await;
    step(report, "tips", 50).await
}

/// Builds the report and tells the client "still working" every 100 ms.
/// Returns the report and the number of heartbeats sent.
async fn report_with_heartbeat() -> (String, u32) {
    let mut heartbeat = interval(Duration::from_millis(100));
    let mut beats = 0;
    // As a task of its own, the report goes on whatever the select! does; its
    // JoinHandle is Unpin, so each turn can race a `&mut` to it.
    let mut report = tokio::spawn(build_report());
    loop {
        tokio::select! {
            report = &mut report => return (report.unwrap(), beats),
            _ = heartbeat.tick() => beats += 1, // "still working"
        }
    }
}

#[tokio::main]
async fn main() {
    println!("{:?}", report_with_heartbeat().await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::{timeout, Instant};

    #[tokio::test(start_paused = true)]
    async fn the_report_carries_on_between_heartbeats() {
        let start = Instant::now();
        let (report, beats) = timeout(Duration::from_secs(5), report_with_heartbeat())
            .await
            .expect(
                "no report after 5 s (it takes 250 ms): every heartbeat dropped the unfinished \
                 report, and the next turn of the loop started a new one from scratch",
            );
        assert_eq!(report, "orders: ok. refunds: ok. tips: ok. ");
        let ms = start.elapsed().as_millis();
        assert_eq!(ms, 250, "the report should be ready after 250 ms, not {ms}");
        assert_eq!(
            beats, 3,
            "a heartbeat at 0, 100 and 200 ms: keep it beating"
        );
    }
}
