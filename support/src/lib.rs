//! Helpers shared by the exercises' tests: timing assertions in the course's words,
//! a watchdog that notices when the event loop is blocked, and a timeline recorder.
//!
//! Everything here measures time with `tokio::time::Instant`, so under
//! `#[tokio::test(start_paused = true)]` the numbers are virtual and exact
//! (except the watchdog, which must watch the real clock).

/// Measuring how long something took, and saying so in the course's words.
pub mod timing {
    use std::time::Duration;
    use tokio::time::Instant;

    /// Milliseconds elapsed since `start` on tokio's clock (virtual when the clock is paused).
    pub fn elapsed_ms(start: Instant) -> u128 {
        start.elapsed().as_millis()
    }

    /// Panics unless `elapsed <= expected_max`: the waits of `what` (e.g. "the 3 orders") had to overlap.
    #[track_caller]
    pub fn assert_overlapped(elapsed: Duration, expected_max: Duration, what: &str) {
        let (took, max) = (elapsed.as_millis(), expected_max.as_millis());
        assert!(
            elapsed <= expected_max,
            "{what} took {took} ms: they were served one after another; \
             if they overlapped they would take about {max} ms at most"
        );
    }

    /// Panics unless `elapsed` is within `tolerance` of `expected` (both ways).
    #[track_caller]
    pub fn assert_took_about(
        elapsed: Duration,
        expected: Duration,
        tolerance: Duration,
        what: &str,
    ) {
        let (took, want, tol) = (
            elapsed.as_millis(),
            expected.as_millis(),
            tolerance.as_millis(),
        );
        assert!(
            elapsed + tolerance >= expected,
            "{what} took only {took} ms, expected about {want} ms (± {tol} ms): \
             a wait that should happen was skipped, or it was not a real non-blocking wait"
        );
        assert!(
            elapsed <= expected + tolerance,
            "{what} took {took} ms, expected about {want} ms (± {tol} ms): \
             waits that could overlap were done one after another"
        );
    }
}

/// A watchdog on the event loop: notices when one task makes the loop's thread stand still.
pub mod watchdog {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    /// How often (real time) the watcher thread looks at the heartbeat.
    const TICK: Duration = Duration::from_millis(2);
    /// A stall still going on after this long is reported at once, even if it never ends.
    const REPORT_ONGOING_AFTER: Duration = Duration::from_millis(1000);

    struct Shared {
        answered: AtomicU64,
        stopped: AtomicBool,
        max_blocked: Mutex<Duration>,
    }

    /// Handle to a running watchdog; the watcher stops when the runtime shuts down or this is dropped.
    pub struct Watchdog {
        shared: Arc<Shared>,
    }

    impl Watchdog {
        /// Starts watching the current tokio runtime (panics outside one); stalls longer than `threshold` are reported on stderr.
        pub fn start(threshold: Duration) -> Watchdog {
            let shared = Arc::new(Shared {
                answered: AtomicU64::new(0),
                stopped: AtomicBool::new(false),
                max_blocked: Mutex::new(Duration::ZERO),
            });
            // The heartbeat uses no tokio timer: on a paused clock a timer would
            // make the runtime auto-advance time forever.
            let (ping_tx, mut ping_rx) = tokio::sync::mpsc::unbounded_channel::<u64>();
            let beat = Arc::clone(&shared);
            tokio::spawn(async move {
                while let Some(n) = ping_rx.recv().await {
                    beat.answered.store(n, Ordering::SeqCst);
                }
            });
            let watch = Arc::clone(&shared);
            std::thread::spawn(move || watcher(watch, ping_tx, threshold));
            Watchdog { shared }
        }

        /// The longest stall over the threshold seen so far (including one still going on), else zero.
        pub fn max_blocked(&self) -> Duration {
            *self.shared.max_blocked.lock().unwrap()
        }

        /// Panics with a course message if the loop was ever blocked for longer than `max`.
        #[track_caller]
        pub fn assert_loop_never_blocked(&self, max: Duration) {
            let blocked = self.max_blocked();
            assert!(
                blocked <= max,
                "the event loop was blocked for {} ms: every other task waited while one task \
                 stood still (a blocking call inside async code?); the loop may stall {} ms at most",
                blocked.as_millis(),
                max.as_millis()
            );
        }
    }

    impl Drop for Watchdog {
        fn drop(&mut self) {
            self.shared.stopped.store(true, Ordering::SeqCst);
        }
    }

    /// The watcher thread: sends ping n, waits until the heartbeat answers n, measures the wait.
    fn watcher(
        shared: Arc<Shared>,
        ping_tx: tokio::sync::mpsc::UnboundedSender<u64>,
        threshold: Duration,
    ) {
        let mut n = 0u64;
        loop {
            n += 1;
            let sent = Instant::now();
            if ping_tx.send(n).is_err() {
                return; // the runtime is gone
            }
            let mut reported = false;
            loop {
                let answered = shared.answered.load(Ordering::SeqCst) >= n;
                let gone = shared.stopped.load(Ordering::SeqCst) || ping_tx.is_closed();
                let stall = sent.elapsed();
                if stall > threshold {
                    let mut max = shared.max_blocked.lock().unwrap();
                    *max = (*max).max(stall);
                }
                let over = stall > threshold;
                let long = stall > threshold.max(REPORT_ONGOING_AFTER);
                if !reported && over && (answered || gone || long) {
                    report(stall);
                    reported = true;
                }
                if gone {
                    return; // the runtime is gone, or nobody watches any more
                }
                if answered {
                    break;
                }
                std::thread::sleep(TICK);
            }
            std::thread::sleep(TICK);
        }
    }

    fn report(stall: Duration) {
        eprintln!(
            "asynclings: event loop blocked for at least {} ms",
            stall.as_millis()
        );
    }
}

/// A recorder of what happened when, in milliseconds since it was created (virtual when paused).
pub mod timeline {
    use std::fmt::Write;
    use std::sync::{Arc, Mutex};
    use tokio::time::Instant;

    /// A shared, cloneable list of (label, ms) events; clones record into the same list.
    #[derive(Clone)]
    pub struct Timeline {
        start: Instant,
        events: Arc<Mutex<Vec<(String, u128)>>>,
    }

    impl Timeline {
        /// A new, empty timeline whose zero is now.
        pub fn new() -> Timeline {
            Timeline {
                start: Instant::now(),
                events: Arc::default(),
            }
        }

        /// Records `label` at the current time.
        pub fn mark(&self, label: impl Into<String>) {
            let ms = self.start.elapsed().as_millis();
            self.events.lock().unwrap().push((label.into(), ms));
        }

        /// All events so far, in the order they were recorded.
        pub fn events(&self) -> Vec<(String, u128)> {
            self.events.lock().unwrap().clone()
        }

        /// The labels only, in the order they were recorded.
        pub fn labels(&self) -> Vec<String> {
            self.events().into_iter().map(|(label, _)| label).collect()
        }

        /// The time of the first event with this label, if any.
        pub fn time_of(&self, label: &str) -> Option<u128> {
            self.events()
                .into_iter()
                .find(|(l, _)| l == label)
                .map(|(_, ms)| ms)
        }

        /// One line per event, like `   300 ms  table 2 served`.
        pub fn render(&self) -> String {
            let mut out = String::new();
            for (label, ms) in self.events() {
                let _ = writeln!(out, "{ms:>6} ms  {label}");
            }
            out
        }
    }

    impl Default for Timeline {
        fn default() -> Self {
            Timeline::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::timeline::Timeline;
    use super::timing::*;
    use super::watchdog::Watchdog;
    use std::time::Duration;
    use tokio::time::{sleep, Instant};

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[tokio::test(start_paused = true)]
    async fn elapsed_is_virtual_and_exact() {
        let start = Instant::now();
        sleep(ms(300)).await;
        assert_eq!(elapsed_ms(start), 300);
        assert_overlapped(ms(300), ms(300), "the 3 orders");
        assert_took_about(ms(310), ms(300), ms(20), "the order");
    }

    #[test]
    #[should_panic(expected = "the 3 orders took 900 ms: they were served one after another")]
    fn overlapped_fails_in_course_words() {
        assert_overlapped(ms(900), ms(300), "the 3 orders");
    }

    #[test]
    #[should_panic(expected = "took only 100 ms")]
    fn took_about_fails_when_too_quick() {
        assert_took_about(ms(100), ms(300), ms(50), "the order");
    }

    #[tokio::test(start_paused = true)]
    async fn timeline_records_virtual_times() {
        let tl = Timeline::new();
        tl.mark("ordered");
        sleep(ms(250)).await;
        tl.clone().mark("served");
        assert_eq!(tl.labels(), ["ordered", "served"]);
        assert_eq!(tl.time_of("served"), Some(250));
        assert_eq!(tl.render(), "     0 ms  ordered\n   250 ms  served\n");
    }

    #[tokio::test(start_paused = true)]
    async fn watchdog_is_quiet_on_a_paused_clock() {
        let dog = Watchdog::start(ms(150));
        for _ in 0..20 {
            sleep(ms(100)).await; // virtual: auto-advances, the heartbeat must not prevent it
        }
        tokio::task::yield_now().await;
        dog.assert_loop_never_blocked(ms(150));
    }

    #[tokio::test]
    async fn watchdog_sees_a_blocked_loop() {
        let dog = Watchdog::start(ms(50));
        tokio::task::yield_now().await;
        std::thread::sleep(ms(300));
        assert!(
            dog.max_blocked() >= ms(200),
            "saw only {:?}",
            dog.max_blocked()
        );
        let err = std::panic::catch_unwind(|| dog.assert_loop_never_blocked(ms(100)));
        assert!(err.is_err());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn watchdog_works_on_multi_thread_runtime() {
        let dog = Watchdog::start(ms(150));
        sleep(ms(50)).await;
        dog.assert_loop_never_blocked(ms(150));
    }
}
