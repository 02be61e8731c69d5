//! Helpers shared by the exercises' tests: timing assertions in the course's words,
//! a watchdog that notices when the event loop is blocked, and a timeline recorder.
//!
//! What they notice is also said for the runner, one machine-readable line
//! per event on stderr (see [`events`]): the runner reads those lines, and
//! shows people sentences instead of them.
//!
//! Everything here measures time with `tokio::time::Instant`, so under
//! `#[tokio::test(start_paused = true)]` the numbers are virtual and exact
//! (except the watchdog, which must watch the real clock).

pub mod recorder;

/// One machine-readable line per event, for the runner:
/// `asynclings-event: {"event":"loop-blocked","ms":420}` (a JSON object: the
/// event's id under `"event"`, then whole numbers; durations in `ms`).
pub mod events {
    /// The start of every event line.
    pub const PREFIX: &str = "asynclings-event: ";

    /// The line (with its newline) for `event` and its numbers.
    pub fn line(event: &str, fields: &[(&str, u128)]) -> String {
        let mut json = format!("{{\"event\":\"{event}\"");
        for (key, value) in fields {
            json.push_str(&format!(",\"{key}\":{value}"));
        }
        format!("{PREFIX}{json}}}\n")
    }

    /// Says the event on stderr, where a test harness captures it with the
    /// test's output (so it stays with the test it happened in).
    pub fn emit(event: &str, fields: &[(&str, u128)]) {
        eprint!("{}", line(event, fields));
    }

    /// Says the event straight on the process's stderr, past a test
    /// harness's capture, so that the runner sees it in passing tests too.
    pub fn emit_uncaptured(event: &str, fields: &[(&str, u128)]) {
        // `eprint!` is what a test harness captures; the stream itself is not.
        use std::io::Write;
        let _ = std::io::stderr().write_all(line(event, fields).as_bytes());
    }
}

/// Measuring how long something took, and saying so in the course's words.
pub mod timing {
    use std::time::Duration;
    use tokio::time::Instant;

    use crate::events;

    /// Milliseconds elapsed since `start` on tokio's clock (virtual when the clock is paused).
    pub fn elapsed_ms(start: Instant) -> u128 {
        start.elapsed().as_millis()
    }

    /// Panics unless `elapsed <= expected_max`: the waits of `what` (e.g. "the 3 orders") had to overlap.
    #[track_caller]
    pub fn assert_overlapped(elapsed: Duration, expected_max: Duration, what: &str) {
        let (took, max) = (elapsed.as_millis(), expected_max.as_millis());
        if elapsed > expected_max {
            events::emit("not-overlapped", &[("ms", took), ("max_ms", max)]);
        }
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
        let numbers = [("ms", took), ("expected_ms", want), ("tolerance_ms", tol)];
        if elapsed + tolerance < expected {
            events::emit("took-too-short", &numbers);
        } else if elapsed > expected + tolerance {
            events::emit("took-too-long", &numbers);
        }
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
///
/// Two things are watched by one watcher thread, and a stall of either is one
/// stall: a heartbeat task spawned on the runtime (it stops answering when the
/// thread that would run it is blocked), and, for a future wrapped with
/// [`Watchdog::watch`], how long each of its polls takes (a `main` on the
/// multi-threaded runtime is polled on a thread of its own, where the
/// heartbeat cannot see it).
pub mod watchdog {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll};
    use std::time::{Duration, Instant};

    /// How often (real time) the watcher thread looks at the heartbeat.
    const TICK: Duration = Duration::from_millis(2);
    /// A stall still going on after this long is reported at once, even if it never ends.
    const REPORT_ONGOING_AFTER: Duration = Duration::from_millis(1000);

    struct Shared {
        answered: AtomicU64,
        stopped: AtomicBool,
        max_blocked: Mutex<Duration>,
        /// The zero of `poll_began`.
        epoch: Instant,
        /// When the watched future's current poll began, in nanoseconds since
        /// `epoch` plus one; zero while it is not being polled.
        poll_began: AtomicU64,
        threshold: Duration,
        /// Report straight to the process's stderr, past a test harness's capture.
        uncaptured: bool,
        /// The stall going on: its longest measure so far, and whether it was reported.
        stall: Mutex<Option<(Duration, bool)>>,
    }

    impl Shared {
        /// How long the watched future's current poll has lasted (zero when none runs).
        fn poll_age(&self) -> Duration {
            match self.poll_began.load(Ordering::SeqCst) {
                0 => Duration::ZERO,
                began => self
                    .epoch
                    .elapsed()
                    .saturating_sub(Duration::from_nanos(began - 1)),
            }
        }

        /// Takes one measure of how long the loop has stood still. A stall
        /// over the threshold is reported once: when it ends, when it is
        /// still going on after `REPORT_ONGOING_AFTER`, or when watching ends
        /// (`last`: the program may exit right after, before the watcher
        /// thread looks again).
        fn observe(&self, stall: Duration, last: bool) {
            let mut seen = self.stall.lock().unwrap();
            if stall > self.threshold {
                let mut max = self.max_blocked.lock().unwrap();
                *max = (*max).max(stall);
                let (longest, _) = seen.get_or_insert((Duration::ZERO, false));
                *longest = (*longest).max(stall);
            } else if let Some((longest, reported)) = seen.take() {
                if !reported {
                    report(longest, self.uncaptured);
                }
            }
            if let Some((longest, reported)) = seen.as_mut() {
                if !*reported && (last || *longest > self.threshold.max(REPORT_ONGOING_AFTER)) {
                    report(*longest, self.uncaptured);
                    *reported = true;
                }
            }
        }
    }

    /// Handle to a running watchdog; the watcher stops when the runtime shuts down or this is dropped.
    pub struct Watchdog {
        shared: Arc<Shared>,
    }

    impl Watchdog {
        /// Starts watching the current tokio runtime (panics outside one); stalls longer than `threshold` are reported on stderr,
        /// as `loop-blocked` events (see [`crate::events`]).
        pub fn start(threshold: Duration) -> Watchdog {
            Watchdog::start_with(threshold, false)
        }

        /// Like [`Watchdog::start`], but the report goes straight to the
        /// process's stderr even inside a test whose output the harness
        /// captures, so that a tool running the tests sees every stall, in
        /// passing tests too.
        pub fn start_uncaptured(threshold: Duration) -> Watchdog {
            Watchdog::start_with(threshold, true)
        }

        fn start_with(threshold: Duration, uncaptured: bool) -> Watchdog {
            let shared = Arc::new(Shared {
                answered: AtomicU64::new(0),
                stopped: AtomicBool::new(false),
                max_blocked: Mutex::new(Duration::ZERO),
                epoch: Instant::now(),
                poll_began: AtomicU64::new(0),
                threshold,
                uncaptured,
                stall: Mutex::new(None),
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
            std::thread::spawn(move || watcher(watch, ping_tx));
            Watchdog { shared }
        }

        /// Wraps `future` so that a poll of it that takes longer than the
        /// threshold counts as a stall too (for a future driven by `block_on`,
        /// which the heartbeat does not share a thread with). Watch one future
        /// per watchdog.
        pub fn watch<F: Future>(&self, future: F) -> Watched<F> {
            Watched {
                inner: Box::pin(future),
                shared: Arc::clone(&self.shared),
            }
        }

        /// The longest stall over the threshold seen so far (including one still going on), else zero.
        pub fn max_blocked(&self) -> Duration {
            *self.shared.max_blocked.lock().unwrap()
        }

        /// Panics with a course message if the loop was ever blocked for longer than `max`.
        #[track_caller]
        pub fn assert_loop_never_blocked(&self, max: Duration) {
            let blocked = self.max_blocked();
            if blocked > max {
                crate::events::emit(
                    "loop-blocked-over-max",
                    &[("ms", blocked.as_millis()), ("max_ms", max.as_millis())],
                );
            }
            assert!(
                blocked <= max,
                "the event loop was blocked for {} ms: the thread stood still, so nothing else it \
                 runs (other tasks, the other futures of a `join!`) could go on (a blocking call \
                 inside async code?); the loop may stall {} ms at most",
                blocked.as_millis(),
                max.as_millis()
            );
        }
    }

    impl Drop for Watchdog {
        fn drop(&mut self) {
            self.shared.stopped.store(true, Ordering::SeqCst);
            // A stall still going on (this drop may end a blocked `main`) is
            // reported now: the process may exit before the watcher looks.
            self.shared.observe(self.shared.poll_age(), true);
        }
    }

    /// A future whose polls the watchdog times (see [`Watchdog::watch`]).
    pub struct Watched<F> {
        inner: Pin<Box<F>>,
        shared: Arc<Shared>,
    }

    impl<F: Future> Future for Watched<F> {
        type Output = F::Output;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            /// Ends the poll's clock even when the poll panics.
            struct PollEnds<'a>(&'a AtomicU64);
            impl Drop for PollEnds<'_> {
                fn drop(&mut self) {
                    self.0.store(0, Ordering::SeqCst);
                }
            }
            let this = &mut *self;
            let began = this.shared.epoch.elapsed().as_nanos() as u64 + 1;
            this.shared.poll_began.store(began, Ordering::SeqCst);
            let _ends = PollEnds(&this.shared.poll_began);
            this.inner.as_mut().poll(cx)
        }
    }

    /// The watcher thread: keeps one ping in flight to the heartbeat, and
    /// measures how long it goes unanswered and how long a watched poll lasts.
    fn watcher(shared: Arc<Shared>, ping_tx: tokio::sync::mpsc::UnboundedSender<u64>) {
        let mut n = 0u64;
        let mut pending: Option<Instant> = None;
        loop {
            let gone = shared.stopped.load(Ordering::SeqCst) || ping_tx.is_closed();
            if pending.is_some() && shared.answered.load(Ordering::SeqCst) >= n {
                pending = None;
            }
            let heartbeat = pending.map_or(Duration::ZERO, |sent| sent.elapsed());
            shared.observe(heartbeat.max(shared.poll_age()), gone);
            if gone {
                return; // the runtime is gone, or nobody watches any more
            }
            if pending.is_none() {
                n += 1;
                if ping_tx.send(n).is_err() {
                    return; // the runtime is gone
                }
                pending = Some(Instant::now());
            }
            std::thread::sleep(TICK);
        }
    }

    /// One `loop-blocked` event: the loop stood still for at least `stall`.
    fn report(stall: Duration, uncaptured: bool) {
        let fields = [("ms", stall.as_millis())];
        if uncaptured {
            crate::events::emit_uncaptured("loop-blocked", &fields);
        } else {
            crate::events::emit("loop-blocked", &fields);
        }
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
    use super::events;
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

    #[test]
    fn an_event_is_one_line_of_json_after_the_prefix() {
        assert_eq!(
            events::line("loop-blocked", &[("ms", 420)]),
            "asynclings-event: {\"event\":\"loop-blocked\",\"ms\":420}\n"
        );
        assert_eq!(
            events::line("not-overlapped", &[("ms", 900), ("max_ms", 300)]),
            "asynclings-event: {\"event\":\"not-overlapped\",\"ms\":900,\"max_ms\":300}\n"
        );
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn watchdog_times_the_polls_of_a_watched_future() {
        let dog = Watchdog::start(ms(50));
        // On the multi-threaded runtime the heartbeat runs on a worker, not on
        // the thread that drives this test's future: only `watch` sees this.
        dog.watch(async {
            tokio::task::yield_now().await;
            std::thread::sleep(ms(300));
        })
        .await;
        assert!(
            dog.max_blocked() >= ms(200),
            "saw only {:?}",
            dog.max_blocked()
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn watchdog_works_on_multi_thread_runtime() {
        let dog = Watchdog::start(ms(150));
        sleep(ms(50)).await;
        dog.assert_loop_never_blocked(ms(150));
    }
}
