//! Hand-made evidence for the unit tests of every rule: an owned check, in
//! the shape of the runner's outcome, that lends itself as [`Evidence`].

use crate::evidence::*;
use crate::{diagnose, Diagnosis};

/// What a check learned, owned.
pub(crate) struct Check {
    pub(crate) verdict: Verdict,
    pub(crate) diagnostics: Vec<CompilerMessage>,
    pub(crate) tests: Vec<TestResult>,
    pub(crate) run: Option<RunReport>,
    pub(crate) expected_output: Option<String>,
    pub(crate) events: Vec<Event>,
}

impl Check {
    pub(crate) fn evidence<'a>(&'a self, source: &'a str) -> Evidence<'a> {
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

    /// The diagnosis of this check of `source`.
    pub(crate) fn diagnose(&self, source: &str) -> Diagnosis {
        diagnose(&self.evidence(source))
    }
}

pub(crate) fn outcome(verdict: Verdict) -> Check {
    Check {
        verdict,
        diagnostics: Vec::new(),
        tests: Vec::new(),
        run: None,
        expected_output: None,
        events: Vec::new(),
    }
}

pub(crate) fn message(
    level: &str,
    code: Option<&str>,
    text: &str,
    children: &[&str],
) -> CompilerMessage {
    CompilerMessage {
        level: level.into(),
        code: code.map(str::to_owned),
        message: text.into(),
        line: Some(3),
        column: Some(5),
        label: None,
        children: children.iter().map(|c| c.to_string()).collect(),
        rendered: text.into(),
    }
}

pub(crate) fn ran(verdict: Verdict, stderr: &str) -> Check {
    let mut o = outcome(verdict);
    o.run = Some(RunReport {
        exit_code: if verdict == Verdict::Passed {
            Some(0)
        } else {
            Some(101)
        },
        timed_out: verdict == Verdict::TimedOut,
        stderr: stderr.into(),
        ..RunReport::default()
    });
    o
}
