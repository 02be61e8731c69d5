//! The result of checking one exercise: one value that every renderer reads.
//!
//! `asynclings run --json`, `verify --json` and `diagnose --json` print these
//! types as they are; the schema is documented in docs/json-schema.md and its
//! version is [`SCHEMA_VERSION`]. Add fields freely; renaming or removing one
//! is a new schema version.

use serde::{Deserialize, Serialize};

// What the diagnosis reads and gives back is the diagnosis crate's; an
// Outcome holds it as is, so the JSON is the same either way.
pub use asynclings_diagnosis::{
    CompilerMessage, Event, Evidence, Finding, MistakeId, Mode, NoteId, RunReport, TestResult,
    Verdict,
};

/// Bumped when a field is renamed or removed, or its meaning changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Where the time of a check went, in milliseconds.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Timings {
    pub build_ms: u64,
    pub run_ms: u64,
    pub total_ms: u64,
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
    /// The events the program reported on its output while it ran (its
    /// `asynclings-event:` lines, parsed), in order; empty when it did not run.
    #[serde(default)]
    pub events: Vec<Event>,
    /// For `output` mode: what main should have printed.
    pub expected_output: Option<String>,
    /// Ranked, most likely first.
    pub mistakes: Vec<Finding>,
    /// Style observations; never the reason for a failure.
    pub notes: Vec<Finding<NoteId>>,
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

    /// What the diagnosis reads of this outcome, with the source checked.
    pub fn evidence<'a>(&'a self, source: &'a str) -> Evidence<'a> {
        Evidence {
            source,
            verdict: self.verdict,
            diagnostics: &self.diagnostics,
            tests: &self.tests,
            run: self.run.as_ref(),
            expected_output: self.expected_output.as_deref(),
            events: &self.events,
        }
    }
}
