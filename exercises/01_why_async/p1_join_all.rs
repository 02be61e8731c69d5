// Lesson 6: many waits from a list
//
// A handful of futures written out in the code can be joined by name. When the number
// of waits comes from data (tonight's list of tables), the code cannot name each
// future: build one per item, keep them together, and wait for all of them at once,
// in this one task. The results should come back in the order of the list, not in
// the order the tables were served.
//
// The program prints a timeline of the evening (milliseconds on a virtual clock, so
// the numbers are exact). Today the waiter serves the tables one after another: each
// table orders only when the previous one has been served. Make the waits overlap.
//
// Done when the output is exactly:
//      0 ms  table 1 ordered
//      0 ms  table 2 ordered
//      0 ms  table 3 ordered
//      0 ms  table 4 ordered
//    100 ms  table 2 served
//    200 ms  table 4 served
//    300 ms  table 3 served
//    400 ms  table 1 served
// served after 400 ms: table 1 steak, table 2 bread, table 3 pasta, table 4 salad

use std::time::Duration;
use support::timeline::Timeline;
use tokio::time::{sleep, Instant};

/// Tonight's tables: (table, dish, kitchen time in ms).
const TABLES: [(u32, &str, u64); 4] = [
    (1, "steak", 400),
    (2, "bread", 100),
    (3, "pasta", 300),
    (4, "salad", 200),
];

/// Serves one table and marks each step on the timeline.
async fn serve(timeline: &Timeline, table: u32, dish: &str, ms: u64) -> String {
    timeline.mark(format!("table {table} ordered"));
    sleep(Duration::from_millis(ms)).await;
    timeline.mark(format!("table {table} served"));
    format!("table {table} {dish}")
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let timeline = Timeline::new();
    let start = Instant::now();
    // TODO: one table at a time. Start every table's wait, then wait for them all.
    let mut served = Vec::new();
    for (table, dish, ms) in TABLES {
        served.push(serve(&timeline, table, dish, ms).await);
    }
    print!("{}", timeline.render());
    let ms = start.elapsed().as_millis();
    println!("served after {ms} ms: {}", served.join(", "));
}
