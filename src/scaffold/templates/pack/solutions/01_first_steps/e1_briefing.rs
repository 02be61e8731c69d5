// An example exercise: two lookups that could overlap
//
// This is the pack's one exercise, a model to copy when you write your own.
// Its header teaches one idea in plain words, the code below holds one
// mistake to fix, and the tests at the bottom say what "fixed" means.
//
// The idea: `.await` suspends this async fn until the future is ready. Two
// `.await`s in a row therefore wait one after the other, even when neither
// lookup needs the other's answer. `tokio::join!` polls both futures in one
// task, so their waits overlap.
//
// Done when `cargo test` passes: the briefing takes as long as the slower
// lookup, not as long as both added up.

use std::time::Duration;
use tokio::time::sleep;

/// Asks the weather service; it answers after 300 ms.
async fn weather() -> &'static str {
    sleep(Duration::from_millis(300)).await;
    "sunny"
}

/// Asks the news service; it answers after 200 ms.
async fn news() -> &'static str {
    sleep(Duration::from_millis(200)).await;
    "the meetup starts at seven"
}

/// The morning briefing: the weather and the news.
async fn briefing() -> String {
    // Both futures are polled in this one task: their waits overlap.
    let (weather, news) = tokio::join!(weather(), news());
    format!("{weather}; {news}")
}

#[tokio::main]
async fn main() {
    println!("{}", briefing().await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_two_lookups_overlap() {
        let start = Instant::now();
        let text = briefing().await;
        assert_eq!(text, "sunny; the meetup starts at seven");
        let took = start.elapsed();
        assert!(
            took <= Duration::from_millis(300),
            "the briefing took {} ms: the two lookups waited one after the other, \
             so their waits added up instead of overlapping",
            took.as_millis()
        );
    }
}
