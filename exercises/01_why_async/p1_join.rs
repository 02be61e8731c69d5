// Lesson 5: overlap the waits
//
// `.await` suspends *this* async fn until the value is ready. So
//     let a = cook("soup", 300).await;
//     let b = cook("steak", 500).await;
// only starts the steak once the soup is done: the waits add up (800 ms). When the
// dishes do not depend on each other, they can cook at the same time, even inside
// this one task: polled together, each of them waits while the others go on, and
// one wait for all of them lasts as long as the slowest.
//
// Careful: only overlap what is independent. The bill needs all three dishes, so it
// must still come after them.
//
// Done when `cargo test` passes: the dinner takes about 500 ms (the slowest dish) plus
// 100 ms for the bill, not the 1100 ms of everything in a row. The test runs on a
// virtual clock, so the times are exact.
//
// See it: press `t` in watch mode. As shipped, `main`'s row lasts 1.1 s, woken
// (`#`) each time a wait ends; with the dishes joined, the same row lasts 0.6 s.

use std::time::Duration;
use tokio::time::sleep;

/// The kitchen cooks one dish in `ms` milliseconds.
async fn cook(dish: &str, ms: u64) -> String {
    sleep(Duration::from_millis(ms)).await;
    format!("{dish} ready")
}

/// Writes the bill for the dishes served (it takes 100 ms).
async fn write_bill(dishes: &[&str]) -> String {
    sleep(Duration::from_millis(100)).await;
    format!("bill: {}", dishes.join(" + "))
}

/// Serves one table its three dishes, then brings the bill.
async fn dinner() -> String {
    // TODO: these three dishes do not depend on each other.
    let soup = cook("soup", 300).await;
    let steak = cook("steak", 500).await;
    let cake = cook("cake", 200).await;
    write_bill(&[&soup, &steak, &cake]).await
}

#[tokio::main]
async fn main() {
    println!("{}", dinner().await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use support::timing;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_dishes_cook_at_the_same_time() {
        let start = Instant::now();
        let bill = dinner().await;
        let elapsed = start.elapsed();
        assert_eq!(bill, "bill: soup ready + steak ready + cake ready");
        timing::assert_took_about(
            elapsed,
            Duration::from_millis(600),
            Duration::from_millis(20),
            "the 3 dishes and the bill",
        );
    }
}
