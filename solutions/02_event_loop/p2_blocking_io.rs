// Blocking I/O in a task
//
// Some libraries only offer blocking calls: an old database driver, `std::fs`,
// `std::net`, a serial port. Called inside a task, such a call freezes the
// event loop (the one thread running your code) until it returns: the waiter
// stands idle at one table while every other table waits.
//
// When the API has an async version, use it. When it has none, the call
// cannot become async, but it can wait somewhere else: on a thread that is
// not the loop's, while `reservation` waits for the answer at an `.await`
// and the loop's thread stays free for the other lookups and other tasks.
//
// What to fix: `legacy_lookup` is a library you cannot change. Make
// `reservation` call it without blocking the loop.
//
// Done when four lookups made at once take about 100 ms, not 400 ms.

use std::time::Duration;

/// The old booking system: blocks its thread for 100 ms. Do not change it.
fn legacy_lookup(table: u32) -> String {
    std::thread::sleep(Duration::from_millis(100));
    format!("table {table}: reserved")
}

async fn reservation(table: u32) -> String {
    // The blocking call runs on a thread of the blocking pool; this fn is
    // suspended at the `.await` without freezing the loop's thread.
    tokio::task::spawn_blocking(move || legacy_lookup(table))
        .await
        .expect("the lookup thread panicked")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{}", reservation(7).await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    // One thread for the event loop; the real clock, with a wide margin.
    #[tokio::test(flavor = "current_thread")]
    async fn four_lookups_at_once_overlap() {
        let start = Instant::now();
        let answers = futures::future::join_all((1..=4).map(reservation)).await;
        let ms = start.elapsed().as_millis();

        assert_eq!(answers[2], "table 3: reserved");
        assert!(
            ms < 300,
            "the 4 lookups took {ms} ms: they ran one after another, because each \
             blocking call froze the event loop until it returned. If they waited \
             somewhere else, they would overlap and take about 100 ms"
        );
        assert!(
            ms >= 100,
            "the 4 lookups took only {ms} ms, but the old system needs 100 ms to answer: \
             call `legacy_lookup` as it is, just not on the event loop's thread"
        );
    }
}
