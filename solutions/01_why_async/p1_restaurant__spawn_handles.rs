// Quiz: the restaurant
//
// Six tables arrive at once. For each one the waiter takes the order (100 ms), the
// kitchen cooks (each dish its own time), a runner brings coffee (50 ms) and the table
// is wiped (300 ms). Budget: the whole evening within one second, with the same times.
// Everything from this phase is in play: blocking waits, lazy futures, waits that should
// overlap. Several things keep this restaurant slow or incomplete. Find them all.
//
// Done when `cargo test` passes: every table got its dish and its coffee, the event
// loop never stood still, and the evening fit in the budget (virtual clock).

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::sleep;

/// What happened tonight, one line per event.
type Log = Arc<Mutex<Vec<String>>>;

const MENU: [(&str, u64); 3] = [("soup", 200), ("steak", 400), ("pasta", 300)];

async fn bring_coffee(table: u32, log: Log) {
    sleep(Duration::from_millis(50)).await;
    log.lock().unwrap().push(format!("table {table}: coffee"));
}

async fn wipe_table() {
    sleep(Duration::from_millis(300)).await;
}

/// Serves one table from order to clean table.
async fn serve(table: u32, log: Log) {
    sleep(Duration::from_millis(100)).await; // the waiter takes the order
    let (dish, cook_ms) = MENU[table as usize % MENU.len()];
    sleep(Duration::from_millis(cook_ms)).await;
    log.lock().unwrap().push(format!("table {table}: {dish}"));
    bring_coffee(table, log.clone()).await;
    wipe_table().await;
}

/// Serves tables 1 to `tables`.
async fn evening(tables: u32, log: Log) {
    let handles: Vec<_> = (1..=tables)
        .map(|table| tokio::spawn(serve(table, log.clone())))
        .collect();
    for handle in handles {
        handle.await.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let log = Log::default();
    evening(6, log.clone()).await;
    println!("{:#?}", log.lock().unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;
    use support::{timing, watchdog::Watchdog};
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn six_tables_within_the_budget() {
        let dog = Watchdog::start(Duration::from_millis(150));
        let (shared_log, start) = (Log::default(), Instant::now());
        evening(6, shared_log.clone()).await;
        let (elapsed, log) = (start.elapsed(), shared_log.lock().unwrap().clone());
        for table in 1..=6 {
            for item in [MENU[table % MENU.len()].0, "coffee"] {
                let line = format!("table {table}: {item}");
                let why = "that errand never happened (a future only runs when awaited)";
                assert!(
                    log.contains(&line),
                    "table {table} never got its {item}: {why}: {log:?}"
                );
            }
        }
        dog.assert_loop_never_blocked(Duration::from_millis(150));
        timing::assert_overlapped(elapsed, Duration::from_millis(1000), "the 6 tables");
    }
}
