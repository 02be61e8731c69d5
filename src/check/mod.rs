//! Checking one program end to end: build it with cargo, run its tests or
//! its main under a time limit, judge the result, and name the mistake.
//! Everything learned goes into one [`Outcome`].

pub mod build;
pub mod libtest;
pub mod process;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::course::{Course, Exercise};
use crate::diagnosis;
use crate::outcome::{Mode, Outcome, RunReport, TestResult, Timings, Verdict, SCHEMA_VERSION};

/// The package that holds the learner's exercises.
pub const EXERCISES_PACKAGE: &str = "exercises";

/// One program to check: a `[[bin]]` of a cargo package.
#[derive(Debug, Clone)]
pub struct Target {
    /// Where to run cargo (the workspace root).
    pub workspace: PathBuf,
    pub package: String,
    pub bin: String,
    /// The absolute path of the source file.
    pub source: PathBuf,
    /// The path shown to people (relative to the course root).
    pub display_path: String,
    pub mode: Mode,
    pub timeout: Duration,
    pub expected_output: Option<String>,
}

impl Target {
    /// The target for one exercise of the course.
    pub fn exercise(course: &Course, exercise: &Exercise) -> Target {
        Target {
            workspace: course.root.clone(),
            package: EXERCISES_PACKAGE.to_string(),
            bin: exercise.name.clone(),
            source: course.root.join(exercise.path()),
            display_path: exercise.path().display().to_string(),
            mode: exercise.mode,
            timeout: exercise.timeout,
            expected_output: exercise.expected_output.clone(),
        }
    }
}

/// A check that could not be carried out at all (as opposed to a program
/// that failed, which is an Outcome).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(
        "could not start cargo ({0}). Is Rust installed? See https://rustup.rs, then try again."
    )]
    NoCargo(std::io::Error),
    #[error("{0}")]
    Cargo(String),
    #[error(
        "could not run the built program: {0}. Check again (press r, or `asynclings run`); \
         if it keeps failing, run `cargo clean` in the course folder to rebuild it."
    )]
    Spawn(std::io::Error),
    #[error("{path} is missing: restore its shipped text with `asynclings reset {name}`.")]
    Missing { path: String, name: String },
    #[error("could not read {path}: {source}. Check that the file is readable, then check again.")]
    Source {
        path: String,
        source: std::io::Error,
    },
}

/// Builds, runs, judges and diagnoses one program.
pub fn check(target: &Target) -> Result<Outcome, CheckError> {
    check_reporting(target, &mut |_| {})
}

/// [`check`], telling `on_built` about each dependency built on the way.
pub fn check_reporting(
    target: &Target,
    on_built: &mut dyn FnMut(&str),
) -> Result<Outcome, CheckError> {
    let started = Instant::now();
    let source = std::fs::read_to_string(&target.source).map_err(|source| {
        let path = target.display_path.clone();
        match source.kind() {
            std::io::ErrorKind::NotFound => CheckError::Missing {
                path,
                name: target.bin.clone(),
            },
            _ => CheckError::Source { path, source },
        }
    })?;
    let built = build::build(
        &build::BuildRequest {
            workspace: &target.workspace,
            package: &target.package,
            bin: &target.bin,
            source: &target.source,
            mode: target.mode,
        },
        on_built,
    )
    .map_err(CheckError::NoCargo)?;
    let build_ms = millis(started.elapsed());

    let mut outcome = Outcome {
        schema: SCHEMA_VERSION,
        name: target.bin.clone(),
        path: target.display_path.clone(),
        mode: target.mode,
        verdict: Verdict::CompileError,
        summary: String::new(),
        diagnostics: built.messages,
        tests: Vec::new(),
        run: None,
        expected_output: target.expected_output.clone(),
        mistakes: Vec::new(),
        notes: Vec::new(),
        timings: Timings {
            build_ms,
            ..Timings::default()
        },
    };

    match built.executable {
        None if outcome.errors().next().is_none() => {
            return Err(CheckError::Cargo(build::explain_cargo_failure(
                &built.cargo_stderr,
            )));
        }
        None => {
            let errors = outcome.errors().count();
            outcome.summary = format!(
                "It does not compile yet: the compiler found {errors} error{}.",
                if errors == 1 { "" } else { "s" }
            );
        }
        Some(executable) => run_and_judge(target, &executable, &mut outcome)?,
    }

    let found = diagnosis::diagnose(&outcome, &source);
    outcome.mistakes = found.mistakes;
    outcome.notes = found.notes;
    outcome.timings.total_ms = millis(started.elapsed());
    Ok(outcome)
}

fn run_and_judge(
    target: &Target,
    executable: &Path,
    outcome: &mut Outcome,
) -> Result<(), CheckError> {
    let mut command = Command::new(executable);
    command.current_dir(&target.workspace);
    // A backtrace is a wall of tokio internals to a learner; the panic
    // message and its line are what they need.
    command.env("RUST_BACKTRACE", "0");
    if target.mode == Mode::Test {
        command.args(libtest::TEST_ARGS);
    }
    let finished = process::run_limited(command, target.timeout).map_err(CheckError::Spawn)?;
    let report = RunReport {
        exit_code: finished.exit_code(),
        signal: finished.signal(),
        timed_out: finished.timed_out,
        duration_ms: millis(finished.duration),
        stdout: String::from_utf8_lossy(&finished.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&finished.stderr).into_owned(),
        output_truncated: finished.truncated,
    };
    outcome.timings.run_ms = report.duration_ms;
    if target.mode == Mode::Test {
        outcome.tests = libtest::parse(&report.stdout);
    }
    let (verdict, summary) = judge(target, &report, &outcome.tests);
    outcome.verdict = verdict;
    outcome.summary = summary;
    outcome.run = Some(report);
    Ok(())
}

/// The verdict and its one-sentence summary, from what the run did.
fn judge(target: &Target, run: &RunReport, tests: &[TestResult]) -> (Verdict, String) {
    let secs = run.duration_ms as f64 / 1000.0;
    if run.timed_out {
        let what = match (target.mode, libtest::unfinished(&run.stdout)) {
            (Mode::Test, Some(test)) => format!("The test `{test}`"),
            (Mode::Test, None) => "The tests".to_string(),
            _ => "The program".to_string(),
        };
        return (
            Verdict::TimedOut,
            format!(
                "{what} did not finish: it was stopped after running for {secs:.1} s (the limit is {} s). \
                 Something is waiting for an event that never comes, or the loop is stuck.",
                target.timeout.as_secs()
            ),
        );
    }
    let panicked = run.stderr.contains("panicked at");
    let status_ok = run.exit_code == Some(0);
    match target.mode {
        Mode::Test => {
            let failed: Vec<&str> = tests
                .iter()
                .filter(|t| !t.passed)
                .map(|t| t.name.as_str())
                .collect();
            if status_ok {
                let n = tests.len();
                (
                    Verdict::Passed,
                    format!("All {n} test{} passed.", if n == 1 { "" } else { "s" }),
                )
            } else if !failed.is_empty() {
                (
                    Verdict::TestFailed,
                    format!(
                        "{} of {} tests failed: {}.",
                        failed.len(),
                        tests.len(),
                        failed.join(", ")
                    ),
                )
            } else {
                (Verdict::Failed, crash_summary("The test program", run))
            }
        }
        Mode::Run | Mode::Output if panicked => {
            (Verdict::Panicked, "The program panicked.".to_string())
        }
        Mode::Run | Mode::Output if !status_ok => {
            (Verdict::Failed, crash_summary("The program", run))
        }
        Mode::Run => (
            Verdict::Passed,
            "The program ran to the end and exited with status 0.".to_string(),
        ),
        Mode::Output => {
            let expected = target.expected_output.as_deref().unwrap_or_default();
            if same_output(&run.stdout, expected) {
                (
                    Verdict::Passed,
                    "The program printed exactly what was expected.".to_string(),
                )
            } else {
                (
                    Verdict::WrongOutput,
                    "The program ran, but its output is not the expected one (see the difference below).".to_string(),
                )
            }
        }
    }
}

fn crash_summary(what: &str, run: &RunReport) -> String {
    match (run.exit_code, run.signal) {
        (Some(code), _) => format!("{what} exited with status {code}."),
        (None, Some(signal)) => format!("{what} was killed by signal {signal}."),
        (None, None) => format!("{what} ended abnormally."),
    }
}

/// Output comparison that forgives line-ending style and a missing final
/// newline, since neither is what an exercise is about.
pub fn same_output(actual: &str, expected: &str) -> bool {
    normalize(actual) == normalize(expected)
}

fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
        .trim_end_matches('\n')
        .to_string()
}

fn millis(d: Duration) -> u64 {
    d.as_millis().try_into().unwrap_or(u64::MAX)
}
