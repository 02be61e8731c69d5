//! Checking one program end to end: build it with cargo, run its tests or
//! its main under a time limit, and judge the result. Everything learned
//! goes into one [`Outcome`]; naming the mistake is the diagnosis's, which
//! the caller asks next (see `crate::diagnosis::check_and_diagnose`).

pub mod build;
mod declared;
mod freshness;
pub mod libtest;
pub mod process;
mod quiet;
pub(crate) mod runner_dir;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use crate::course::{Course, Exercise};
use crate::outcome::{
    CompilerMessage, Event, Mode, Outcome, RunReport, TestResult, Timings, Verdict, SCHEMA_VERSION,
};

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
    /// The tests the shipped text of the exercise declares (test mode):
    /// every one must run and pass. `None` when there is no shipped text
    /// to read them from (a course without checksums, `diagnose`); then
    /// the file being checked declares them.
    pub shipped_tests: Option<Vec<String>>,
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
            shipped_tests: match exercise.mode {
                Mode::Test => {
                    crate::originals::original(&exercise.path()).and_then(declared::tests)
                }
                Mode::Run | Mode::Output => None,
            },
        }
    }
}

/// The reference solution of every exercise, each followed by the proofs
/// of the other routes its hints propose (`solutions/<dir>/<name>__<route>.rs`).
pub fn solution_targets(course: &Course) -> Vec<(String, Target)> {
    let mut targets = Vec::new();
    for exercise in &course.exercises {
        let solution = |bin: String, path: std::path::PathBuf| {
            let mut target = Target::exercise(course, exercise);
            target.package = "solutions".into();
            target.bin = bin;
            target.source = course.root.join(&path);
            target.display_path = path.display().to_string();
            (exercise.name.clone(), target)
        };
        targets.push(solution(exercise.name.clone(), exercise.solution_path()));
        for route in &exercise.routes {
            targets.push(solution(
                exercise.route_bin(route),
                exercise.route_path(route),
            ));
        }
    }
    targets
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
    #[error(
        "{path} is not UTF-8 text, so it cannot be read as Rust source (was it saved in another \
         encoding?). Save it again as UTF-8 in your editor, or restore its shipped text with \
         `asynclings reset {name}`."
    )]
    NotUtf8 { path: String, name: String },
    #[error("could not read {path}: {source}. Check that the file is readable, then check again.")]
    Source {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "could not prepare {path}, the folder the program runs in: {source}. \
         Delete that folder (or run `cargo clean` in the course folder), then check again."
    )]
    RunDir {
        path: String,
        source: std::io::Error,
    },
}

/// What one check learned (with no mistakes named yet), and the source
/// text it checked, which the diagnosis reads.
#[derive(Debug, Clone)]
pub struct Checked {
    pub outcome: Outcome,
    pub source: String,
}

/// Builds, runs and judges one program, telling `on_built` about each
/// dependency built on the way.
pub fn check_reporting(
    target: &Target,
    on_built: &mut dyn FnMut(&str),
) -> Result<Checked, CheckError> {
    let started = Instant::now();
    // Taken before the file is read: see `freshness`.
    let build_started = SystemTime::now();
    let source = std::fs::read_to_string(&target.source).map_err(|source| {
        let path = target.display_path.clone();
        let name = target.bin.clone();
        match source.kind() {
            std::io::ErrorKind::NotFound => CheckError::Missing { path, name },
            std::io::ErrorKind::InvalidData => CheckError::NotUtf8 { path, name },
            _ => CheckError::Source { path, source },
        }
    })?;
    let record = freshness::Record::new(
        &target.workspace,
        &target.package,
        &target.bin,
        target.mode == Mode::Test,
    );
    record.before_build(&target.source, &source);
    let built = build::build(
        &build::BuildRequest {
            workspace: &target.workspace,
            package: &target.package,
            bin: &target.bin,
            source: &target.source,
            mode: target.mode,
            target_dir: None,
        },
        on_built,
    )
    .map_err(CheckError::NoCargo)?;
    if built.executable.is_some() {
        record.after_build(&source, build_started);
    }
    let build_ms = millis(started.elapsed());
    let (mut outcome, executable) = built_outcome(target, built, build_ms)?;
    if let Some(executable) = executable {
        run_and_judge(target, &executable, &source, &mut outcome)?;
    }
    outcome.timings.total_ms = millis(started.elapsed());
    Ok(Checked { outcome, source })
}

/// What a build of `target` tells before any run: the compiler's messages,
/// and the verdict when it did not build (a compile error, the build limit)
/// with the executable to run when it did (then the verdict is the run's:
/// see [`run_and_judge`]). An `Err` when cargo failed before the compiler
/// said anything. [`check_reporting`] goes on from here; so does the
/// diagnosis corpus, which builds all its cases in one cargo call.
pub fn built_outcome(
    target: &Target,
    built: build::Built,
    build_ms: u64,
) -> Result<(Outcome, Option<PathBuf>), CheckError> {
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
        events: Vec::new(),
        expected_output: target.expected_output.clone(),
        mistakes: Vec::new(),
        notes: Vec::new(),
        timings: Timings {
            build_ms,
            ..Timings::default()
        },
    };

    match (built.stopped_after, built.executable) {
        (Some(limit), _) => {
            outcome.verdict = Verdict::TimedOut;
            outcome.summary = stopped_build_summary(limit, &outcome.diagnostics);
            Ok((outcome, None))
        }
        (None, None) if outcome.errors().next().is_none() => Err(CheckError::Cargo(
            build::explain_cargo_failure(&built.cargo_stderr),
        )),
        (None, None) => {
            let errors = outcome.errors().count();
            outcome.summary = format!(
                "It does not compile yet: the compiler found {errors} error{}.",
                if errors == 1 { "" } else { "s" }
            );
            Ok((outcome, None))
        }
        (None, Some(executable)) => Ok((outcome, Some(executable))),
    }
}

/// Why a build stopped at its limit, and where to look.
fn stopped_build_summary(limit: Duration, diagnostics: &[CompilerMessage]) -> String {
    // rustc says where, when its lint against endless evaluation is allowed.
    let at = diagnostics
        .iter()
        .find(|m| m.message.contains("constant evaluation"))
        .and_then(|m| m.line)
        .map(|line| format!(" It was evaluating a constant at line {line}."))
        .unwrap_or_default();
    format!(
        "It did not compile in time: the compiler was still working on your file after {} s, \
         and was stopped. Look for a `const` whose evaluation never ends, or a macro that \
         expands forever.{at}",
        limit.as_secs()
    )
}

/// Runs a built program under the target's limit and judges the run: the
/// verdict, its summary, the tests and events, into `outcome`.
pub fn run_and_judge(
    target: &Target,
    executable: &Path,
    source: &str,
    outcome: &mut Outcome,
) -> Result<(), CheckError> {
    let mut command = Command::new(executable);
    // An empty folder of its own: a program that writes files where it
    // runs must not overwrite the course's (info.toml, the progress file).
    let dir = runner_dir::for_package(&target.workspace, &target.package)
        .join("run")
        .join(&target.bin);
    empty_dir(&dir).map_err(|source| CheckError::RunDir {
        path: dir.display().to_string(),
        source,
    })?;
    command.current_dir(&dir);
    // A backtrace is a wall of tokio internals to a learner; the panic
    // message and its line are what they need.
    command.env("RUST_BACKTRACE", "0");
    if target.mode == Mode::Test {
        command.args(libtest::TEST_ARGS);
    }
    let quiet = quiet::stops_when_quiet(target.mode, source).then_some(quiet::QUIET);
    let finished =
        process::run_watched(command, target.timeout, quiet).map_err(CheckError::Spawn)?;
    let report = RunReport {
        exit_code: finished.exit_code(),
        signal: finished.signal(),
        timed_out: finished.timed_out,
        stopped_quiet: finished.stopped_quiet,
        duration_ms: millis(finished.duration),
        stdout: String::from_utf8_lossy(&finished.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&finished.stderr).into_owned(),
        output_truncated: finished.truncated,
    };
    outcome.timings.run_ms = report.duration_ms;
    if target.mode == Mode::Test {
        outcome.tests = libtest::parse(&report.stdout);
    }
    let from_source;
    let declared = match &target.shipped_tests {
        Some(shipped) => shipped,
        None => {
            from_source = declared::tests(source).unwrap_or_default();
            &from_source
        }
    };
    let (verdict, summary) = judge(target, &report, &outcome.tests, declared);
    outcome.verdict = verdict;
    outcome.summary = summary;
    outcome.events = events(&report);
    outcome.run = Some(report);
    Ok(())
}

/// Creates `dir` empty, whatever the last run left in it.
fn empty_dir(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::create_dir_all(dir)
}

/// The events a run reported: every `asynclings-event:` line of its stderr
/// (the watchdog, a `main`'s assertions), then of its stdout (where libtest
/// prints a failing test's captured output), parsed. A line that does not
/// parse as a known event is left out.
pub fn events(run: &RunReport) -> Vec<Event> {
    [&run.stderr, &run.stdout]
        .into_iter()
        .flat_map(|text| text.lines())
        .filter_map(|line| {
            let (_, json) = line.split_once(asynclings_diagnosis::EVENT_PREFIX)?;
            // Only the JSON object: whatever another thread wrote after it
            // on the same line is not the event's.
            serde_json::Deserializer::from_str(json)
                .into_iter::<Event>()
                .next()?
                .ok()
        })
        .collect()
}

/// The main thread panicked: its panic message is in the stderr
/// (`thread 'main' panicked at` or, from Rust 1.89, `thread 'main' (ID)
/// panicked at`). A spawned task's or thread's panic is not.
pub fn main_thread_panicked(stderr: &str) -> bool {
    stderr.lines().any(|line| {
        line.strip_prefix("thread 'main'")
            .is_some_and(|rest| rest.contains(" panicked at"))
    })
}

/// The verdict and its one-sentence summary, from what the run did: its
/// exit status, and libtest's report in test mode, never a panic message
/// alone (a program that caught its task's panic and exited 0 passed).
/// `declared` are the tests that must all run and pass (test mode).
pub fn judge(
    target: &Target,
    run: &RunReport,
    tests: &[TestResult],
    declared: &[String],
) -> (Verdict, String) {
    let secs = run.duration_ms as f64 / 1000.0;
    if run.timed_out {
        let what = match (target.mode, libtest::unfinished(&run.stdout)) {
            (Mode::Test, Some(test)) => format!("The test `{test}`"),
            (Mode::Test, None) => "The tests".to_string(),
            _ => "The program".to_string(),
        };
        if run.stopped_quiet {
            return (
                Verdict::TimedOut,
                format!(
                    "{what} did not finish: on tokio's paused clock, with no timer left and \
                     nothing outside tokio to wait for, nothing ran for {:.1} s, so nothing \
                     ever would; it was stopped after {secs:.1} s (the limit is {} s). Something \
                     is waiting for an event that never comes.",
                    quiet::QUIET.as_secs_f64(),
                    target.timeout.as_secs()
                ),
            );
        }
        return (
            Verdict::TimedOut,
            format!(
                "{what} did not finish: it was stopped after running for {secs:.1} s (the limit is {} s). \
                 Something is waiting for an event that never comes, or the loop is stuck.",
                target.timeout.as_secs()
            ),
        );
    }
    let status_ok = run.exit_code == Some(0) && run.signal.is_none();
    let panicked = !status_ok && main_thread_panicked(&run.stderr);
    match target.mode {
        Mode::Test => judge_tests(target, run, tests, declared),
        Mode::Run | Mode::Output if panicked => {
            (Verdict::Panicked, "The program panicked.".to_string())
        }
        Mode::Run | Mode::Output if !status_ok => {
            let summary = match libtest::overflowed(&run.stderr) {
                Some(_) => format!(
                    "The program overflowed its stack ({TOO_DEEP}), and {}.",
                    ending(run)
                ),
                None => crash_summary("The program", run),
            };
            (Verdict::Failed, summary)
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

const TOO_DEEP: &str = "a recursion that never ends, or a value too big for the stack";

/// A test exercise passes only when libtest reported, the program exited 0
/// after that, no test was skipped, and every declared test ran and passed:
/// deleting, ignoring or exiting out of a test is never a fix.
fn judge_tests(
    target: &Target,
    run: &RunReport,
    tests: &[TestResult],
    declared: &[String],
) -> (Verdict, String) {
    let failed: Vec<&str> = tests
        .iter()
        .filter(|t| !t.passed)
        .map(|t| t.name.as_str())
        .collect();
    if !failed.is_empty() {
        return (
            Verdict::TestFailed,
            format!(
                "{} of {} tests failed: {}.",
                failed.len(),
                tests.len(),
                failed.join(", ")
            ),
        );
    }
    let running = libtest::unfinished(&run.stdout);
    if run.exit_code != Some(0) {
        let overflowed = libtest::overflowed(&run.stderr);
        let summary = match (running.or(overflowed.clone()), overflowed.is_some()) {
            (Some(test), true) => format!(
                "The test `{test}` overflowed its stack ({TOO_DEEP}), and the test program {}.",
                ending(run)
            ),
            (None, true) => format!(
                "A test overflowed its stack ({TOO_DEEP}), and the test program {}.",
                ending(run)
            ),
            (Some(test), false) => format!(
                "The test program {} while the test `{test}` was running.",
                ending(run)
            ),
            (None, false) => crash_summary("The test program", run),
        };
        return (Verdict::Failed, summary);
    }
    let must = "the exercise passes only when all its tests run and pass";
    let Some(summary) = libtest::summary(&run.stdout) else {
        let who = running.map_or("A test".to_string(), |test| format!("The test `{test}`"));
        return (
            Verdict::Failed,
            format!(
                "{who} ended the whole test program (with status 0) before the results were \
                 reported: a `std::process::exit` in a test stops every test. A test passes by \
                 returning without a panic, and {must}."
            ),
        );
    };
    let ignored = libtest::ignored(&run.stdout);
    if !ignored.is_empty() || summary.ignored > 0 {
        let which = match ignored.len() {
            0 => format!("{} test(s) did not run: marked", summary.ignored),
            1 => format!("{} did not run: it is marked", the_tests(&ignored)),
            _ => format!("{} did not run: they are marked", the_tests(&ignored)),
        };
        return (
            Verdict::Failed,
            format!("{which} #[ignore]. Remove the #[ignore]: {must}."),
        );
    }
    // No test failed by now: every test that ran passed.
    let ran: Vec<&str> = tests.iter().map(|t| t.name.as_str()).collect();
    let missing: Vec<String> = declared
        .iter()
        .filter(|name| !ran.contains(&name.as_str()))
        .cloned()
        .collect();
    let restore = |them: &str| match &target.shipped_tests {
        Some(_) => format!(
            "Put {them} back as shipped: `asynclings reset {}` restores the whole file, so keep \
             a copy of your fix first.",
            target.bin
        ),
        None => format!("Put {them} back."),
    };
    if !missing.is_empty() {
        let (they, them) = match missing.len() {
            1 => ("it was", "it"),
            _ => ("they were", "them"),
        };
        return (
            Verdict::Failed,
            format!(
                "{} did not run: {they} removed or renamed, and {must}. {}",
                the_tests(&missing),
                restore(them)
            ),
        );
    }
    if summary.passed == 0 {
        return (
            Verdict::Failed,
            format!(
                "It built and ran, but no test ran: the file has no test left, and {must}. {}",
                restore("them")
            ),
        );
    }
    if summary.filtered_out > 0 {
        return (
            Verdict::Failed,
            format!(
                "{} test(s) were filtered out and did not run, and {must}.",
                summary.filtered_out
            ),
        );
    }
    let n = summary.passed;
    (
        Verdict::Passed,
        format!("All {n} test{} passed.", if n == 1 { "" } else { "s" }),
    )
}

/// "The test `a`" or "The tests `a`, `b`".
fn the_tests(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => format!("The test {one}"),
        many => format!("The tests {}", many.join(", ")),
    }
}

fn crash_summary(what: &str, run: &RunReport) -> String {
    format!("{what} {}.", ending(run))
}

/// How a program that did not exit well ended: "was killed by signal 6".
fn ending(run: &RunReport) -> String {
    match (run.exit_code, run.signal) {
        (Some(code), _) => format!("exited with status {code}"),
        (None, Some(signal)) => format!("was killed by signal {signal}"),
        (None, None) => "ended abnormally".to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn target(mode: Mode) -> Target {
        Target {
            workspace: PathBuf::from("."),
            package: EXERCISES_PACKAGE.to_string(),
            bin: "p".into(),
            source: PathBuf::from("p.rs"),
            display_path: "p.rs".into(),
            mode,
            timeout: Duration::from_secs(10),
            expected_output: None,
            shipped_tests: None,
        }
    }

    fn ended(exit_code: i32, stderr: &str) -> RunReport {
        RunReport {
            exit_code: Some(exit_code),
            stderr: stderr.into(),
            ..RunReport::default()
        }
    }

    fn verdict(run: &RunReport) -> Verdict {
        judge(&target(Mode::Run), run, &[], &[]).0
    }

    const TASK_PANIC: &str =
        "thread 'tokio-runtime-worker' (4711) panicked at src/main.rs:3:5:\nbad order\n";

    #[test]
    fn a_task_panic_the_program_handled_is_a_pass() {
        // The task panicked; main matched the JoinError, said so and
        // exited 0.
        let run = ended(
            0,
            &format!("{TASK_PANIC}the order failed: task 7 panicked\n"),
        );
        assert_eq!(verdict(&run), Verdict::Passed);
        // On the current-thread runtime the task runs on the main thread:
        // the status still tells.
        let run = ended(
            0,
            "thread 'main' (1) panicked at src/main.rs:3:5:\nbad order\n",
        );
        assert_eq!(verdict(&run), Verdict::Passed);
    }

    #[test]
    fn a_panic_is_the_main_threads_and_a_failing_status() {
        let main = "thread 'main' (4710) panicked at src/main.rs:9:5:\nassertion failed\n";
        assert_eq!(verdict(&ended(101, main)), Verdict::Panicked);
        let before_1_89 = "thread 'main' panicked at src/main.rs:9:5:\nassertion failed\n";
        assert_eq!(verdict(&ended(101, before_1_89)), Verdict::Panicked);
        // A task panicked, and the program failed another way.
        assert_eq!(verdict(&ended(1, TASK_PANIC)), Verdict::Failed);
        // A program's own words are no panic.
        assert_eq!(
            verdict(&ended(3, "the oven panicked at noon\n")),
            Verdict::Failed
        );
    }

    #[test]
    fn event_lines_are_read_from_both_streams() {
        let run = RunReport {
            stderr: "starting\nasynclings-event: {\"event\":\"loop-blocked\",\"ms\":420}\n\
                     asynclings: event loop blocked for at least 900 ms\n"
                .into(),
            stdout: "---- tests::t stdout ----\n\
                     asynclings-event: {\"event\":\"not-overlapped\",\"ms\":900,\"max_ms\":300}\n\
                     asynclings-event: {\"event\":\"from-the-future\",\"ms\":1}\n\
                     asynclings-event: {\"event\":\"loop-blocked\",\"ms\":150}tail of another line\n"
                .into(),
            ..RunReport::default()
        };
        assert_eq!(
            events(&run),
            [
                Event::LoopBlocked { ms: 420 },
                Event::NotOverlapped {
                    ms: 900,
                    max_ms: 300
                },
                Event::LoopBlocked { ms: 150 },
            ]
        );
    }
}
