// Lesson 1: blocking vs non-blocking
//
// Most programs spend most of their time waiting: on the network, the disk, a timer.
// Picture a waiter with three tables; each table's soup takes 300 ms in the kitchen.
// - Blocking (`std::thread::sleep`): the waiter stands idle at one table while every
//   other table waits. Three tables take 300 + 300 + 300 = 900 ms.
// - Non-blocking (`tokio::time::sleep(..).await`): the waiter says "ring the bell when
//   it's ready" and goes to the next table. `.await` suspends `serve` until its timer
//   fires, without freezing the thread: `join!` goes on polling the other tables'
//   futures meanwhile, so the three waits overlap: about 300 ms in all.
//
// Below, the three tables are already served together with `tokio::join!`, and yet
// they are served one after another. Look at how `serve` waits for the kitchen.
//
// Done when `cargo test` passes: the event loop never stood still, and the three
// tables took about 300 ms (measured on the test's virtual clock).
//
// See it: press `t` in watch mode (or run `asynclings timeline p1_tables`). As
// shipped, the one row, `main`'s task, is all `X`: a single poll held the thread
// for 900 ms. Fixed, the row is mostly `-`: the task waits 300 ms, and the thread
// is free meanwhile.

use std::time::Duration;

const KITCHEN: Duration = Duration::from_millis(300);

/// Serves one table: hands the order to the kitchen and waits for the dish.
async fn serve(table: u32) -> String {
    // TODO: this wait makes the whole thread stand still. Wait without blocking.
    std::thread::sleep(KITCHEN);
    format!("table {table}: soup")
}

/// Serves three tables together.
async fn serve_three_tables() -> Vec<String> {
    let (a, b, c) = tokio::join!(serve(1), serve(2), serve(3));
    vec![a, b, c]
}

#[tokio::main]
async fn main() {
    for line in serve_three_tables().await {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use support::{timing, watchdog::Watchdog};
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_three_waits_overlap() {
        let dog = Watchdog::start(Duration::from_millis(150));
        let start = Instant::now();
        let served = serve_three_tables().await;
        dog.assert_loop_never_blocked(Duration::from_millis(150));
        assert_eq!(served, ["table 1: soup", "table 2: soup", "table 3: soup"]);
        let tolerance = Duration::from_millis(20);
        timing::assert_took_about(start.elapsed(), KITCHEN, tolerance, "the 3 tables");
    }
}
