//! Names the classic mistake behind a failing (or silently wrong) program.
//!
//! Diagnosis is a pure function of what a check learned (an [`Outcome`]) and
//! the program's source text: no cargo, no processes, so every rule is
//! unit-tested on small hand-made evidence. Three kinds of evidence each have
//! a module of their own, and one module weighs them against each other:
//!
//! - [`compiler`]: the compiler's diagnostics (codes, messages, children);
//! - [`source`]: the source parsed with `syn` (never grepped): which calls sit
//!   inside async code, which guards live across `.await`, which futures and
//!   tasks are dropped, ...;
//! - [`runtime`]: what happened when it ran: panic texts (also when they point
//!   into tokio's own source), a timeout, test failure messages, and the
//!   support library's watchdog line about a blocked event loop;
//! - [`ranking`]: merges the candidates, weighs them by the verdict, and keeps
//!   what is worth telling, most likely first.
//!
//! Every finding names a catalogue id (see [`crate::catalogue`]); style
//! observations go to `notes` and are never the reason for a failure.

pub mod compiler;
pub mod ranking;
pub mod runtime;
pub mod source;

use crate::outcome::{Finding, Outcome};

/// The ranked findings of one diagnosis.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Diagnosis {
    /// Catalogue mistakes, most likely first.
    pub mistakes: Vec<Finding>,
    /// Style observations (ids outside the catalogue, such as
    /// `async-fn-without-await`); never the reason for a failure.
    pub notes: Vec<Finding>,
}

/// Which kind of evidence a candidate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    Compiler,
    Source,
    Runtime,
}

/// One piece of evidence pointing at a mistake, before ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// A catalogue id (or, for notes, a style id).
    pub id: &'static str,
    /// 1-based; 0 when unknown.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// 0.0 to 1.0, before the verdict is taken into account.
    pub confidence: f32,
    /// What was seen, specifically (one sentence, no advice: the catalogue
    /// adds the explanation and what to try).
    pub detail: String,
    pub evidence: Evidence,
    /// The keys of the catalogue routes that fit what was seen (for
    /// example only `move ||` for a closure); empty means all of them.
    pub routes: &'static [&'static str],
}

impl Candidate {
    pub fn new(
        id: &'static str,
        evidence: Evidence,
        confidence: f32,
        detail: impl Into<String>,
    ) -> Self {
        Candidate {
            id,
            line: 0,
            column: 0,
            confidence,
            detail: detail.into(),
            evidence,
            routes: &[],
        }
    }

    /// Advise only these catalogue routes: the others do not fit here.
    pub fn only_routes(mut self, keys: &'static [&'static str]) -> Self {
        self.routes = keys;
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }
}

/// Looks at everything one check learned, and the program's source.
pub fn diagnose(outcome: &Outcome, source: &str) -> Diagnosis {
    let from_source = source::analyze(source);
    let from_compiler = compiler::candidates(&outcome.diagnostics);
    let from_run = runtime::evidence(outcome);
    ranking::rank(outcome.verdict, from_compiler, from_source, from_run)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Hand-made outcomes for the unit tests of every rule.
    use crate::outcome::*;

    pub fn outcome(verdict: Verdict) -> Outcome {
        Outcome {
            schema: SCHEMA_VERSION,
            name: "case".into(),
            path: "case.rs".into(),
            mode: Mode::Run,
            verdict,
            summary: String::new(),
            diagnostics: Vec::new(),
            tests: Vec::new(),
            run: None,
            expected_output: None,
            mistakes: Vec::new(),
            notes: Vec::new(),
            timings: Timings::default(),
        }
    }

    pub fn message(
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

    pub fn ran(verdict: Verdict, stderr: &str) -> Outcome {
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
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::outcome::Verdict;

    #[test]
    fn a_correct_program_gets_no_mistake() {
        let src = r#"
            #[tokio::main]
            async fn main() {
                let a = tokio::spawn(async { 1 });
                println!("{}", a.await.unwrap());
            }
        "#;
        let d = diagnose(&ran(Verdict::Passed, ""), src);
        assert!(d.mistakes.is_empty(), "{:?}", d.mistakes);
    }

    #[test]
    fn findings_carry_the_catalogue_words() {
        let src = "#[tokio::main]\nasync fn main() {\n    std::thread::sleep(std::time::Duration::from_millis(10));\n}\n";
        let d = diagnose(&ran(Verdict::Passed, ""), src);
        let top = &d.mistakes[0];
        assert_eq!(top.id, "blocking-in-async");
        assert_eq!(top.line, 3);
        assert!(top.message.contains("spawn_blocking"), "{}", top.message);
    }
}
