//! The result of checking one exercise: one value that every renderer reads.
//!
//! `asynclings run --json`, `verify --json` and `diagnose --json` print these
//! types as they are; the schema is documented in docs/json-schema.md and its
//! version is [`SCHEMA_VERSION`]. Add fields freely; renaming or removing one
//! is a new schema version.

use serde::{Deserialize, Serialize};

/// Bumped when a field is renamed or removed, or its meaning changes.
pub const SCHEMA_VERSION: u32 = 1;

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

/// What the built program or test binary did when it ran.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct RunReport {
    /// The exit code, when it exited on its own.
    pub exit_code: Option<i32>,
    /// The signal that ended it, when one did (unix).
    pub signal: Option<i32>,
    /// True when the time limit ran out and the runner stopped it.
    pub timed_out: bool,
    /// How long it ran, in milliseconds.
    pub duration_ms: u64,
    pub stdout: String,
    pub stderr: String,
    /// True when the output passed the cap and the rest was thrown away.
    pub output_truncated: bool,
}

/// Where the time of a check went, in milliseconds.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Timings {
    pub build_ms: u64,
    pub run_ms: u64,
    pub total_ms: u64,
}

/// A classic mistake (or, in `notes`, a style observation) found in a program.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Finding {
    /// The catalogue id, such as "missing-await".
    pub id: String,
    /// 1-based line in the program's file; 0 when the finding has no line.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What went wrong and what to try, in the course's words.
    pub message: String,
    /// 0.0 to 1.0: how sure the diagnosis is.
    pub confidence: f32,
}

/// Everything one check learned.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Outcome {
    pub schema: u32,
    /// The exercise name, or the file stem for `diagnose`.
    pub name: String,
    /// The file that was checked, as given to the user.
    pub path: String,
    pub mode: Mode,
    pub verdict: Verdict,
    /// One sentence for people: what happened.
    pub summary: String,
    /// Compiler errors and warnings about the exercise itself.
    pub diagnostics: Vec<CompilerMessage>,
    pub tests: Vec<TestResult>,
    /// Absent when the program did not build.
    pub run: Option<RunReport>,
    /// For `output` mode: what main should have printed.
    pub expected_output: Option<String>,
    /// Ranked, most likely first.
    pub mistakes: Vec<Finding>,
    /// Style observations; never the reason for a failure.
    pub notes: Vec<Finding>,
    pub timings: Timings,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.verdict.passed()
    }

    pub fn errors(&self) -> impl Iterator<Item = &CompilerMessage> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn failed_tests(&self) -> impl Iterator<Item = &TestResult> {
        self.tests.iter().filter(|t| !t.passed)
    }
}
