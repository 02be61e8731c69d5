// Lesson 7: spawned tasks must be collected
//
// `tokio::spawn(future)` hands a future to the event loop as a new task: the loop runs
// it alongside everything else (its queue holds the tasks ready to continue). Spawning
// means "start it and go on": it does not wait. It does give something back, though,
// and that is what lets you wait for the task and take its result: look at what
// `spawn` returns.
//
// Throw that away and return, and nobody waits for the tasks: dropping it does
// not stop its task, but the shift ends while the tables are still waiting for their
// dishes, their tips never collected. When a program's `main` returns the same way,
// the unfinished tasks are simply thrown away.
//
// The shift below spawns one task per table (that table's order) and goes home at
// once. Keep the handles, and collect each table's tip before the shift ends. The
// tables must still be served at the same time: spawn them all first, then wait.
//
// Done when `cargo test` passes: every table served, all tips collected, and the shift
// took as long as the slowest table, not the sum of all of them.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::sleep;

/// The list of tables served so far.
type Log = Arc<Mutex<Vec<String>>>;

/// Serves one table (table N takes N × 100 ms) and returns the tip.
async fn serve(table: u32, log: Log) -> u32 {
    sleep(Duration::from_millis(100 * table as u64)).await;
    log.lock().unwrap().push(format!("table {table} served"));
    table * 5
}

/// Runs the evening shift for `tables` tables; returns the tips collected.
async fn run_shift(tables: u32, log: Log) -> u32 {
    let mut tips = 0;
    for table in 1..=tables {
        // TODO: the handle that comes back from `spawn` is dropped right here.
        tokio::spawn(serve(table, log.clone()));
    }
    tips
}

#[tokio::main]
async fn main() {
    let log = Log::default();
    let tips = run_shift(4, log.clone()).await;
    println!("{:?}, tips: {tips} euros", log.lock().unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;
    use support::timing;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_shift_ends_when_every_table_is_served() {
        let log = Log::default();
        let start = Instant::now();
        let tips = run_shift(4, log.clone()).await;
        let served = log.lock().unwrap().len();
        assert_eq!(
            served, 4,
            "the shift ended with {served} of 4 tables served: the spawned tasks were never \
             awaited, so nobody waited for their work"
        );
        assert_eq!(
            tips, 50,
            "the shift collected {tips} euros of tips instead of 50: each task's result \
             comes back through its JoinHandle"
        );
        timing::assert_overlapped(start.elapsed(), Duration::from_millis(400), "the 4 tables");
    }
}
