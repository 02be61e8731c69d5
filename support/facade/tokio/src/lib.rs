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
//! Why the glob re-export is enough for tokio's own expansion: tokio's
//! attributes name their paths `tokio::runtime::Builder` and `tokio::pin!`
//! (the crate as the program calls it, not `$crate`), and the program calls
//! this crate `tokio`; every other macro of tokio uses `$crate`, which still
//! names the real tokio.

pub use real_tokio::*;

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
}
