//! `verify --junit FILE`: the checks as a JUnit XML report, the format CI
//! systems show as test results. One test case per check, named after the
//! exercise (or the route's proof) in a suite per phase folder; a failing
//! check carries its verdict, the named mistake and the evidence, shortened.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use asynclings_diagnosis::is_event_line;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::Result;
use crate::check::build::last_lines;
use crate::outcome::{Finding, Outcome, Verdict};
use crate::render;

/// A failure's text is read on a CI page: enough to see what went wrong,
/// while `asynclings run` shows everything. A line is cut only when it is
/// runaway output; the page folds prose (the mistake's advice is one line).
const MAX_LINES: usize = 40;
const MAX_LINE_WIDTH: usize = 1000;
/// The last lines of a program's output and errors that a failure keeps.
const OUTPUT_TAIL_LINES: usize = 15;

/// The report of one `verify` run, written to its file at the end.
pub struct JunitReport {
    path: PathBuf,
    file: File,
    report: Report,
    suites: Vec<TestSuite>,
    started: Instant,
}

impl JunitReport {
    /// Creates the file now: a path that cannot be written is said before
    /// the checks, not after minutes of them.
    pub fn create(path: &Path, name: &str) -> Result<JunitReport> {
        let file = File::create(path).map_err(|e| cannot_write(path, &e))?;
        Ok(JunitReport {
            path: path.to_path_buf(),
            file,
            report: Report::new(name),
            suites: Vec::new(),
            started: Instant::now(),
        })
    }

    /// Adds one check, to the suite of its phase folder (`phase_dir`).
    pub fn add(&mut self, phase_dir: &str, outcome: &Outcome) {
        let case = test_case(phase_dir, outcome);
        let time = case.time.unwrap_or_default();
        let suite = match self
            .suites
            .iter_mut()
            .position(|s| s.name.as_str() == phase_dir)
        {
            Some(i) => &mut self.suites[i],
            None => {
                self.suites.push(TestSuite::new(phase_dir));
                self.suites.last_mut().expect("just pushed")
            }
        };
        let suite_time = suite.time.unwrap_or_default() + time;
        suite.add_test_case(case).set_time(suite_time);
    }

    /// Writes the report; returns where it went.
    pub fn write(mut self) -> Result<PathBuf> {
        self.report.set_time(self.started.elapsed());
        self.report.add_test_suites(self.suites);
        // Into memory first: then the only error left is the file's.
        let xml = self.report.to_string().map_err(|e| {
            let why = std::error::Error::source(&e).map_or(e.to_string(), |s| s.to_string());
            format!(
                "could not make the JUnit report ({why}). This is a bug in asynclings: please report it."
            )
        })?;
        self.file
            .write_all(xml.as_bytes())
            .and_then(|()| self.file.flush())
            .map_err(|e| cannot_write(&self.path, &e))?;
        Ok(self.path)
    }
}

fn cannot_write(path: &Path, error: &std::io::Error) -> Box<dyn std::error::Error> {
    format!(
        "cannot write the JUnit report to {}: {error}. Give --junit a file in a folder that exists and that you can write to.",
        path.display()
    )
    .into()
}

/// One check as a test case: its time, and for a failure, what went wrong.
fn test_case(phase_dir: &str, outcome: &Outcome) -> TestCase {
    let status = if outcome.passed() {
        TestCaseStatus::success()
    } else {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status
            .set_message(failure_message(outcome))
            .set_type(verdict_id(outcome.verdict))
            .set_description(failure_text(outcome));
        status
    };
    let mut case = TestCase::new(outcome.name.as_str(), status);
    case.set_classname(phase_dir)
        .set_time(Duration::from_millis(outcome.timings.total_ms));
    // GitLab and others link a test case to its file by this attribute.
    case.extra
        .insert("file".into(), outcome.path.as_str().into());
    case
}

/// The verdict as `--json` names it ("compile-error", "timed-out"...).
fn verdict_id(verdict: Verdict) -> String {
    serde_json::to_value(verdict)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| verdict.label().to_string())
}

/// One line: the verdict, and the named mistake with its place, as in
/// "compile error: a future that is never awaited [missing-await] at path:12".
fn failure_message(outcome: &Outcome) -> String {
    let verdict = outcome.verdict.label();
    match outcome.mistakes.first() {
        None => verdict.to_string(),
        Some(top) => {
            let maybe = if top.is_sure() { "" } else { "possibly " };
            format!(
                "{verdict}: {maybe}{} [{}] at {}",
                top.id.mistake().title,
                top.id,
                place(top, &outcome.path)
            )
        }
    }
}

fn place(finding: &Finding, path: &str) -> String {
    match finding.line {
        0 => path.to_string(),
        line => format!("{path}:{line}"),
    }
}

/// The failure's text: the summary, the named mistake's advice, then the
/// evidence; shortened.
fn failure_text(outcome: &Outcome) -> String {
    let mut parts = vec![outcome.summary.clone()];
    if let Some(top) = outcome.mistakes.first() {
        parts.push(top.message.clone());
    }
    let evidence = evidence(outcome);
    if !evidence.trim().is_empty() {
        parts.push(evidence);
    }
    shorten(&parts.join("\n\n"), MAX_LINES)
}

/// What the check saw, as plain text: the stalls the watchdog reported,
/// then the compiler's errors, the failing tests' messages, the output's
/// difference from the expected one, or the program's last lines.
fn evidence(outcome: &Outcome) -> String {
    let mut parts = Vec::new();
    if let Some(stalls) = render::stalls(&outcome.events) {
        parts.push(stalls);
    }
    match outcome.verdict {
        Verdict::Passed => {}
        Verdict::CompileError => parts.extend(outcome.errors().map(|e| e.rendered.clone())),
        Verdict::TestFailed => parts.extend(outcome.failed_tests().map(|test| {
            let message = without_events(test.message.as_deref().unwrap_or_default());
            format!("failed test: {}\n{message}", test.name)
        })),
        Verdict::WrongOutput => {
            let expected = outcome.expected_output.as_deref().unwrap_or_default();
            let actual = outcome.run.as_ref().map_or("", |r| r.stdout.as_str());
            parts.push(render::output_diff(expected, actual));
        }
        Verdict::TimedOut | Verdict::Panicked | Verdict::Failed => {
            if let Some(run) = &outcome.run {
                for (name, text) in [("output", &run.stdout), ("errors", &run.stderr)] {
                    let text = last_lines(&without_events(text), OUTPUT_TAIL_LINES);
                    if !text.trim().is_empty() {
                        parts.push(format!("The program's {name} (last lines):\n{text}"));
                    }
                }
            }
        }
    }
    parts.join("\n")
}

/// A program's text without its event lines: they are data for the
/// runner, said in a sentence of their own (the stalls).
fn without_events(text: &str) -> String {
    text.lines()
        .filter(|line| !is_event_line(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// At most `max` lines of at most MAX_LINE_WIDTH characters, without the
/// terminal's colours.
fn shorten(text: &str, max: usize) -> String {
    let plain = console::strip_ansi_codes(text);
    let lines: Vec<_> = plain
        .lines()
        .map(|line| console::truncate_str(line, MAX_LINE_WIDTH, "…"))
        .collect();
    if lines.len() <= max {
        return lines.join("\n");
    }
    format!(
        "{}\n... {} more lines (`asynclings run` shows everything)",
        lines[..max].join("\n"),
        lines.len() - max
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{MistakeId, Mode, TestResult, Timings, SCHEMA_VERSION};

    fn failing_test(message: &str) -> Outcome {
        Outcome {
            schema: SCHEMA_VERSION,
            name: "p2_blocking".into(),
            path: "exercises/02_event_loop/p2_blocking.rs".into(),
            mode: Mode::Test,
            verdict: Verdict::TestFailed,
            summary: "1 of 2 tests failed.".into(),
            diagnostics: vec![],
            tests: vec![TestResult {
                name: "serves_both".into(),
                passed: false,
                message: Some(message.into()),
            }],
            run: None,
            events: vec![],
            expected_output: None,
            mistakes: vec![Finding {
                id: MistakeId::BlockingInAsync,
                line: 27,
                column: 5,
                message: "std::thread::sleep stops the loop.".into(),
                confidence: 0.9,
            }],
            notes: vec![],
            timings: Timings {
                build_ms: 100,
                run_ms: 200,
                total_ms: 300,
            },
        }
    }

    #[test]
    fn a_failure_names_the_verdict_and_the_mistake_at_its_line() {
        let message = failure_message(&failing_test("boom"));
        assert!(message.starts_with("test failed: "), "{message}");
        assert!(
            message.ends_with("[blocking-in-async] at exercises/02_event_loop/p2_blocking.rs:27"),
            "{message}"
        );
        let mut unsure = failing_test("boom");
        unsure.mistakes[0].confidence = 0.1;
        assert!(failure_message(&unsure).contains(": possibly "));
    }

    #[test]
    fn the_failure_text_keeps_the_evidence_and_drops_colours() {
        let text = failure_text(&failing_test("\x1b[31mthe loop stood still\x1b[0m"));
        for wanted in [
            "1 of 2 tests failed.",
            "std::thread::sleep stops the loop.",
            "failed test: serves_both",
            "the loop stood still",
        ] {
            assert!(text.contains(wanted), "{wanted} in {text}");
        }
        assert!(!text.contains('\x1b'), "{text:?}");
        let with_event =
            failing_test("asynclings-event: {\"event\":\"loop-blocked\",\"ms\":9}\nboom");
        let text = failure_text(&with_event);
        assert!(
            text.contains("boom") && !text.contains("asynclings-event"),
            "{text}"
        );
    }

    #[test]
    fn long_evidence_is_shortened() {
        let long: String = (0..500).map(|i| format!("line {i}\n")).collect();
        let text = failure_text(&failing_test(&long));
        assert!(text.lines().count() <= MAX_LINES + 1, "{text}");
        assert!(text.ends_with("more lines (`asynclings run` shows everything)"));
        let wide = shorten(&"x".repeat(5000), MAX_LINES);
        assert!(wide.chars().count() <= MAX_LINE_WIDTH, "{}", wide.len());
    }

    #[test]
    fn a_case_has_its_phase_folder_its_time_and_a_failure_only_when_it_failed() {
        let failed = test_case("02_event_loop", &failing_test("boom"));
        assert_eq!(failed.name.as_str(), "p2_blocking");
        assert_eq!(failed.classname.as_ref().unwrap().as_str(), "02_event_loop");
        assert_eq!(failed.time, Some(Duration::from_millis(300)));
        assert!(matches!(
            failed.status,
            TestCaseStatus::NonSuccess {
                kind: NonSuccessKind::Failure,
                ..
            }
        ));
        let mut outcome = failing_test("boom");
        outcome.verdict = Verdict::Passed;
        let passed = test_case("02_event_loop", &outcome);
        assert!(matches!(passed.status, TestCaseStatus::Success { .. }));
    }
}
