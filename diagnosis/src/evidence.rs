//! What the diagnosis reads: the program's source, the compiler's messages
//! and what happened when it ran. The runner keeps these types in its
//! `Outcome` and prints them as JSON (docs/json-schema.md): renaming or
//! removing a field is a new schema version there.

use serde::{Deserialize, Serialize};

/// Everything one check learned about a program, as the diagnosis reads it.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    /// The program's source text.
    pub source: &'a str,
    pub verdict: Verdict,
    /// The compiler's errors and warnings about the program's file.
    pub diagnostics: &'a [CompilerMessage],
    pub tests: &'a [TestResult],
    /// Absent when the program did not build.
    pub run: Option<&'a RunReport>,
    /// For `output` mode: what main should have printed.
    pub expected_output: Option<&'a str>,
    /// What the program reported in machine-readable lines while it ran
    /// (the watchdog, the support library's assertions), in order.
    pub events: &'a [Event],
}

impl Evidence<'_> {
    pub fn failed_tests(&self) -> impl Iterator<Item = &TestResult> {
        self.tests.iter().filter(|t| !t.passed)
    }
}

/// How an exercise is judged (the `mode` key of info.toml).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Its `#[test]`s must pass.
    Test,
    /// Its `main` must exit with status 0.
    Run,
    /// Its `main` must exit 0 and print exactly `expected_output`.
    Output,
}

/// The one-word answer of a check.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Passed,
    /// The compiler refused the program.
    CompileError,
    /// It built and ran, and at least one test failed.
    TestFailed,
    /// `main` panicked.
    Panicked,
    /// It did not finish within the time limit and was stopped.
    TimedOut,
    /// `main` ended with a non-zero status or a signal, without a panic.
    Failed,
    /// `main` ran fine but printed something other than the expected output.
    WrongOutput,
}

impl Verdict {
    pub fn passed(self) -> bool {
        self == Verdict::Passed
    }

    /// Short words for people, as in "compile error".
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::CompileError => "compile error",
            Verdict::TestFailed => "test failed",
            Verdict::Panicked => "panicked",
            Verdict::TimedOut => "did not finish",
            Verdict::Failed => "failed",
            Verdict::WrongOutput => "wrong output",
        }
    }
}

/// One message from the compiler (error, warning, note), kept from cargo's JSON.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct CompilerMessage {
    /// "error", "warning", "note", "help", ...
    pub level: String,
    /// The error or lint code, such as "E0308" or "unused_must_use".
    pub code: Option<String>,
    pub message: String,
    /// The primary span in the exercise file, 1-based, when there is one.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The text of the primary span's line label, when the compiler gave one.
    pub label: Option<String>,
    /// The messages of the children (notes, help), in order.
    pub children: Vec<String>,
    /// The compiler's own rendering, as a person would see it in a terminal.
    pub rendered: String,
}

impl CompilerMessage {
    pub fn is_error(&self) -> bool {
        self.level == "error"
    }
}

/// One test of a `test`-mode exercise.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct TestResult {
    pub name: String,
    pub passed: bool,
    /// What the failing test printed (its panic message among it).
    pub message: Option<String>,
}

/// The start of a line on which the course's support library (and the
/// watchdog of `diagnose`'s tokio facade) reports one event, in JSON:
/// `asynclings-event: {"event":"loop-blocked","ms":420}`.
pub const EVENT_PREFIX: &str = "asynclings-event: ";

/// One thing the program reported while it ran, read from a line that
/// starts with [`EVENT_PREFIX`] (the runner reads them; people see a
/// sentence made from them). Durations are in milliseconds.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// The watchdog saw the event loop stand still for at least `ms`.
    LoopBlocked { ms: u64 },
    /// `Watchdog::assert_loop_never_blocked` failed: the loop stood still
    /// for `ms`, and `max_ms` was allowed.
    LoopBlockedOverMax { ms: u64, max_ms: u64 },
    /// `timing::assert_overlapped` failed: waits that should have overlapped
    /// took `ms`, when `max_ms` was the most they could take overlapped.
    NotOverlapped { ms: u64, max_ms: u64 },
    /// `timing::assert_took_about` failed: `ms` is more than `expected_ms`
    /// plus `tolerance_ms` (waits done one after another).
    TookTooLong {
        ms: u64,
        expected_ms: u64,
        tolerance_ms: u64,
    },
    /// `timing::assert_took_about` failed: `ms` is less than `expected_ms`
    /// minus `tolerance_ms` (a wait skipped, or not a real wait).
    TookTooShort {
        ms: u64,
        expected_ms: u64,
        tolerance_ms: u64,
    },
    /// A task still waiting when the program was stopped stuck (no task
    /// could go on, nothing could wake one), as tokio's task dump saw it:
    /// the task (`label`, spawned at `line`), the line of the program's
    /// own code it waits at and what it awaits there (`Receiver::recv`,
    /// `Mutex::lock`); both absent when the dump could not see into what
    /// it awaits (a future of the program's own). `asynclings timeline`
    /// and `diagnose --timeline` record it.
    TaskWaits {
        label: String,
        line: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        waits_line: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<String>,
    },
    /// A task (`label`, spawned at `line`) that could go on, though nothing
    /// had woken it: tokio's task dump polled it and it finished. Its
    /// wake-up was lost. Recorded as [`Event::TaskWaits`] is.
    Unwoken { label: String, line: u32 },
}

impl Event {
    /// The longest loop stall an event reports, if it reports one.
    pub fn loop_blocked_ms(&self) -> Option<u64> {
        match *self {
            Event::LoopBlocked { ms } | Event::LoopBlockedOverMax { ms, .. } => Some(ms),
            _ => None,
        }
    }

    /// A failed assertion about how long something took.
    pub fn is_timing_failure(&self) -> bool {
        matches!(
            self,
            Event::NotOverlapped { .. } | Event::TookTooLong { .. } | Event::TookTooShort { .. }
        )
    }
}

/// Whether a line of a program's output is an event line (shown to
/// nobody as it is).
pub fn is_event_line(line: &str) -> bool {
    line.contains(EVENT_PREFIX)
}

/// What the built program or test binary did when it ran.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct RunReport {
    /// The exit code, when it exited on its own.
    pub exit_code: Option<i32>,
    /// The signal that ended it, when one did (unix).
    pub signal: Option<i32>,
    /// True when the time limit ran out and the runner stopped it, or
    /// stopped it earlier because it was stuck (`stopped_quiet`).
    pub timed_out: bool,
    /// Stopped before its limit: its tests all run on tokio's paused clock,
    /// it waits on nothing outside tokio, and it used no processor time for
    /// a while, so nothing could ever wake it.
    #[serde(default)]
    pub stopped_quiet: bool,
    /// How long it ran, in milliseconds.
    pub duration_ms: u64,
    pub stdout: String,
    pub stderr: String,
    /// True when the output passed the cap and the rest was thrown away.
    pub output_truncated: bool,
}
