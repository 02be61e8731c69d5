//! tokio, as `asynclings diagnose` builds a program: a scratch package
//! depends on this crate under the name `tokio`, so the program's
//! `use tokio::...` and `#[tokio::main]` resolve here without a change to its
//! source.
//!
//! Everything is the real tokio, re-exported, except the `main` and `test`
//! attributes: they are tokio's own attributes with one addition, a watchdog
//! on the event loop started as the body's first statement (see
//! `asynclings-tokio-macros`). The watchdog prints one event line,
//! `asynclings-event: {"event":"loop-blocked","ms":N}`, on stderr each time
//! the loop stalls; the runner reads it as evidence of a blocking call (and
//! shows people a sentence instead).
//!
//! With the `record` feature (which `asynclings timeline` turns on, and
//! nothing else), the body of `main` or of a test and every task started
//! with `tokio::spawn`, `tokio::task::spawn` or `tokio::task::spawn_local`
//! are also recorded for the timeline (see `support::recorder`). The
//! feature is off for `diagnose`, so the compiler's messages there name
//! tokio's own `spawn`.
//!
//! Why the glob re-export is enough for tokio's own expansion: tokio's
//! attributes name their paths `tokio::runtime::Builder` and `tokio::pin!`
//! (the crate as the program calls it, not `$crate`), and the program calls
//! this crate `tokio`; every other macro of tokio uses `$crate`, which still
//! names the real tokio.

pub use real_tokio::*;

#[cfg(feature = "record")]
pub use recorded::spawn;

/// tokio's `task` module; with the `record` feature, its spawns recorded.
pub mod task {
    pub use real_tokio::task::*;

    #[cfg(feature = "record")]
    pub use crate::recorded::{spawn, spawn_local, JoinSet};
}

/// When a recorded program stops polling for a second, tokio's task dump
/// says what each task waits on (its await trace); the recorder writes it
/// down. If no task waits on anything that could still wake it (a timer,
/// I/O, a signal, a blocking job running), and nothing has run for two
/// seconds, the program is stopped there, with that report: no need to
/// wait for its time limit. A wait the dump cannot see into (a future of
/// the program's own, a thread outside tokio) is taken as stuck only after
/// those two quiet seconds.
#[cfg(all(
    feature = "record",
    tokio_unstable,
    target_os = "linux",
    any(
        target_arch = "aarch64",
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "s390x"
    )
))]
mod stuck {
    use std::sync::Once;
    use std::time::Duration;

    /// Quiet this long (real time) and the tasks are dumped.
    const QUIET: Duration = Duration::from_secs(1);
    /// Quiet this long, with nothing that could wake a task, and the
    /// program is stopped.
    const STOP_AFTER: Duration = Duration::from_secs(2);
    const LOOK_EVERY: Duration = Duration::from_millis(250);
    /// The exit status of a program stopped stuck (the recording's last
    /// line, `stopped`, says so too).
    const STOPPED: i32 = 3;

    /// What, in a task's await trace, could still wake it without another
    /// task's help: tokio's timers, I/O, signals and processes.
    const WAKERS: &[&str] = &[
        "tokio::time::",
        "tokio::net::",
        "tokio::io::",
        "tokio::signal::",
        "tokio::process::",
        "tokio::fs::",
        "PollEvented",
    ];

    /// Starts the watch, once, on the current runtime.
    pub fn watch() {
        static STARTED: Once = Once::new();
        if !support::recorder::is_on() {
            return;
        }
        let Ok(handle) = real_tokio::runtime::Handle::try_current() else {
            return;
        };
        STARTED.call_once(|| {
            let _ = std::thread::Builder::new()
                .name("asynclings-stuck".into())
                .spawn(move || watch_on(handle));
        });
    }

    fn watch_on(handle: real_tokio::runtime::Handle) {
        // Since the program last ran: whether the dump found something
        // that could still wake a task.
        let mut dumped: Option<bool> = None;
        loop {
            std::thread::sleep(LOOK_EVERY);
            let idle = support::recorder::idle_for().unwrap_or_default();
            if idle < QUIET {
                dumped = None;
                continue;
            }
            match dumped {
                None => dumped = dump(&handle),
                Some(could_wake) => {
                    if !could_wake && idle >= STOP_AFTER && !blocking_job_runs(&handle) {
                        support::recorder::stopped();
                        std::process::exit(STOPPED);
                    }
                }
            }
        }
    }

    /// Dumps every task into the recording; whether any of them waits on
    /// something that could wake it. `None` when no dump came (the loop
    /// is blocked, or the runtime is gone).
    fn dump(handle: &real_tokio::runtime::Handle) -> Option<bool> {
        let (tx, rx) = std::sync::mpsc::channel();
        let dumping = handle.clone();
        // A task of tokio's own (not recorded): the dump polls every
        // task once, in trace mode, from inside the runtime.
        support::recorder::dumping(true);
        handle.spawn(async move {
            let _ = tx.send(dumping.dump().await);
        });
        let dump = rx.recv_timeout(QUIET);
        support::recorder::dumping(false);
        let dump = dump.ok()?;
        let mut could_wake = false;
        for task in dump.tasks().iter() {
            let trace = task.trace().to_string();
            could_wake |= WAKERS.iter().any(|w| trace.contains(w));
            support::recorder::stuck(&task.id().to_string(), &trace);
        }
        Some(could_wake)
    }

    /// A `spawn_blocking` job (or `tokio::fs`, or stdin) is at work: its
    /// end may wake a task.
    fn blocking_job_runs(handle: &real_tokio::runtime::Handle) -> bool {
        let metrics = handle.metrics();
        metrics.num_blocking_threads() > metrics.num_idle_blocking_threads()
            || metrics.blocking_queue_depth() > 0
    }
}

/// The spawns of tokio, each task's future recorded first.
#[cfg(feature = "record")]
mod recorded {
    use std::future::Future;
    use std::panic::Location;

    use real_tokio::task::JoinHandle;
    use support::recorder::{label_of, record};

    /// `tokio::spawn`, recorded.
    #[track_caller]
    pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let at = Location::caller();
        let label = label_of::<F>().unwrap_or("task");
        real_tokio::spawn(record(future, label, at))
    }

    /// tokio's `JoinSet`, whose `spawn` and `spawn_local` record their
    /// tasks; every other method is the real one's, through `Deref`.
    #[derive(Debug)]
    pub struct JoinSet<T>(real_tokio::task::JoinSet<T>);

    impl<T: 'static> JoinSet<T> {
        pub fn new() -> Self {
            JoinSet(real_tokio::task::JoinSet::new())
        }

        #[track_caller]
        pub fn spawn<F>(&mut self, task: F) -> real_tokio::task::AbortHandle
        where
            F: Future<Output = T> + Send + 'static,
            T: Send,
        {
            let at = Location::caller();
            let label = label_of::<F>().unwrap_or("task");
            self.0.spawn(record(task, label, at))
        }

        #[track_caller]
        pub fn spawn_local<F>(&mut self, task: F) -> real_tokio::task::AbortHandle
        where
            F: Future<Output = T> + 'static,
        {
            let at = Location::caller();
            let label = label_of::<F>().unwrap_or("task");
            self.0.spawn_local(record(task, label, at))
        }

        /// Takes the set by value, so it cannot be reached through `Deref`.
        pub async fn join_all(self) -> Vec<T> {
            self.0.join_all().await
        }
    }

    impl<T: 'static> Default for JoinSet<T> {
        fn default() -> Self {
            JoinSet::new()
        }
    }

    impl<T> std::ops::Deref for JoinSet<T> {
        type Target = real_tokio::task::JoinSet<T>;
        fn deref(&self) -> &Self::Target {
            &self.0
        }
    }

    impl<T> std::ops::DerefMut for JoinSet<T> {
        fn deref_mut(&mut self) -> &mut Self::Target {
            &mut self.0
        }
    }

    impl<T, F> FromIterator<F> for JoinSet<T>
    where
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        #[track_caller]
        fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> Self {
            let mut set = JoinSet::new();
            set.extend(iter);
            set
        }
    }

    impl<T, F> Extend<F> for JoinSet<T>
    where
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        #[track_caller]
        fn extend<I: IntoIterator<Item = F>>(&mut self, iter: I) {
            for task in iter {
                self.spawn(task);
            }
        }
    }

    /// `tokio::task::spawn_local`, recorded.
    #[track_caller]
    pub fn spawn_local<F>(future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let at = Location::caller();
        let label = label_of::<F>().unwrap_or("task");
        real_tokio::task::spawn_local(record(future, label, at))
    }
}

/// tokio's `#[tokio::main]`, with the watchdog started first.
pub use asynclings_tokio_macros::main;
/// tokio's `#[tokio::test]`, with the watchdog started first.
pub use asynclings_tokio_macros::test;

/// What the rewritten attributes expand to. Not for programs to use.
#[doc(hidden)]
pub mod __asynclings {
    use std::time::Duration;

    pub use real_tokio::main as real_main;
    pub use real_tokio::test as real_test;
    pub use support::watchdog::Watchdog;

    /// A stall of the loop longer than this is reported. Long enough that a
    /// busy machine's scheduling hiccups stay quiet, short enough that a
    /// blocking sleep or a long computation in a task is seen.
    pub const THRESHOLD: Duration = Duration::from_millis(100);

    /// Starts the watchdog on the current runtime (the attribute calls this
    /// as the body's first statement, inside the runtime). Its report is
    /// not captured by the test harness: `diagnose` reads it from passing
    /// tests too.
    pub fn start() -> Watchdog {
        Watchdog::start_uncaptured(THRESHOLD)
    }

    /// The body of `main` or of a test, recorded as the task `name` when
    /// recording is built in (and, where tokio can dump its tasks, watched
    /// for a stop in which every task waits: see `stuck`).
    #[cfg(feature = "record")]
    #[track_caller]
    pub fn body<F: std::future::Future>(
        future: F,
        name: &str,
    ) -> impl std::future::Future<Output = F::Output> {
        #[cfg(all(
            tokio_unstable,
            target_os = "linux",
            any(
                target_arch = "aarch64",
                target_arch = "x86",
                target_arch = "x86_64",
                target_arch = "s390x"
            )
        ))]
        crate::stuck::watch();
        support::recorder::record(future, name, std::panic::Location::caller())
    }

    /// The body, as it is.
    #[cfg(not(feature = "record"))]
    pub fn body<F: std::future::Future>(future: F, _name: &str) -> F {
        future
    }
}
