// Lesson 1: blocking vs non-blocking
//
// Most programs spend most of their time waiting: on the network, the disk, a timer.
// Picture a waiter with three tables; each table's soup takes 300 ms in the kitchen.
// - Blocking: the waiter stands at the kitchen door until the soup is ready, while
//   every other table waits for him. Three tables take 300 + 300 + 300 = 900 ms.
// - Non-blocking: the waiter says "ring the bell when it's ready" and goes to the
//   next table. The three soups cook at the same time: about 300 ms in all.
//
// Below, the three tables are already served together, with `tokio::join!`, and yet
// they are served one after another: the evening takes 900 ms. Look at how `serve`
// waits for the kitchen. Does the waiter stand idle there?
//
// Done when `cargo test` passes: the three tables took about 300 ms, and the event
// loop never stood still. Until then, the test draws both evenings side by side.
// (Press `t` in watch mode to see the task's timeline: `X` while it holds the
// thread, `-` while it waits and leaves the thread free.)

use std::time::Duration;

const KITCHEN: Duration = Duration::from_millis(300);

/// Serves one table: hands the order to the kitchen and waits for the dish.
async fn serve(table: u32) -> String {
    tokio::time::sleep(KITCHEN).await;
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
    use std::time::Instant;
    use support::{timing, watchdog::Watchdog};

    /// Serves one table with a stopwatch: when its wait began and ended (ms).
    async fn timed(table: u32, start: Instant) -> (u128, u128) {
        let began = start.elapsed().as_millis();
        serve(table).await;
        (began, start.elapsed().as_millis())
    }

    /// A table's wait drawn on a time line, one `=` per 50 ms.
    fn bar((began, ended): (u128, u128)) -> String {
        let (before, wait) = (began as usize / 50, (ended - began) as usize / 50);
        format!("{:<22}", " ".repeat(before) + &"=".repeat(wait))
    }

    // The paused clock jumps over waits that leave the thread free; a wait
    // that makes the thread stand still takes real time, which `Instant`
    // (std's) measures for the picture.
    #[tokio::test(start_paused = true)]
    async fn the_three_waits_overlap() {
        let dog = Watchdog::start(Duration::from_millis(150));
        let (start, clock) = (Instant::now(), tokio::time::Instant::now());
        let (a, b, c) = tokio::join!(timed(1, start), timed(2, start), timed(3, start));
        let ms = start.elapsed().as_millis();
        let mut picture =
            String::from("           what happened         what overlapping looks like\n");
        for (table, wait) in [(1, a), (2, b), (3, c)] {
            let row = format!("  table {table}  {}{}", bar(wait), bar((0, 300)));
            picture += row.trim_end();
            picture.push('\n');
        }
        assert!(
            ms < 600,
            "the 3 tables took {ms} ms: the waiter stood idle at each table in turn, and \
             the other tables waited for him. Each `=` is 50 ms of a table's wait:\n{picture}"
        );
        dog.assert_loop_never_blocked(Duration::from_millis(150));
        let tolerance = Duration::from_millis(20);
        timing::assert_took_about(clock.elapsed(), KITCHEN, tolerance, "the 3 tables");
        assert_eq!(serve_three_tables().await[2], "table 3: soup");
    }
}
