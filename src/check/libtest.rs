//! Reading the output of a Rust test binary (libtest's stable text format:
//! its JSON format still needs a nightly compiler).

use crate::outcome::TestResult;

/// The arguments the runner gives every test binary: one test at a time,
/// so timing tests do not compete for the two cores and a hang is pinned
/// on the test that was running.
pub const TEST_ARGS: &[&str] = &["--test-threads=1", "--color=never"];

/// The tests that finished, with the captured output of the failing ones.
pub fn parse(stdout: &str) -> Vec<TestResult> {
    let mut results: Vec<TestResult> = Vec::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, status)) = rest.rsplit_once(" ... ") else {
            continue;
        };
        let passed = match status.trim() {
            "ok" => true,
            "FAILED" => false,
            _ => continue, // ignored, bench, ...
        };
        results.push(TestResult {
            name: name.to_string(),
            passed,
            message: None,
        });
    }
    for (name, body) in failure_sections(stdout) {
        if let Some(result) = results.iter_mut().find(|r| r.name == name) {
            result.message = Some(body);
        }
    }
    results
}

/// The test that was started and never finished (with one test thread,
/// libtest prints `test NAME ... ` before running it).
pub fn unfinished(stdout: &str) -> Option<String> {
    let last = stdout.lines().last()?.trim_end();
    let name = last.strip_prefix("test ")?.strip_suffix(" ...")?;
    Some(name.to_string())
}

/// libtest's last line: `test result: ok. 2 passed; 0 failed; 0 ignored;
/// 0 measured; 0 filtered out; finished in 0.01s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub ok: bool,
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
    pub measured: u64,
    pub filtered_out: u64,
}

/// The summary line, when libtest got to print it (a test that exits the
/// process or crashes it leaves none).
pub fn summary(stdout: &str) -> Option<Summary> {
    let line = stdout
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("test result: "))?;
    let (status, counts) = line.split_once(". ")?;
    let mut summary = Summary {
        ok: status == "ok",
        ..Summary::default()
    };
    for part in counts.split("; ") {
        let Some((number, what)) = part.split_once(' ') else {
            continue;
        };
        let Ok(number) = number.parse() else {
            continue;
        };
        match what {
            "passed" => summary.passed = number,
            "failed" => summary.failed = number,
            "ignored" => summary.ignored = number,
            "measured" => summary.measured = number,
            "filtered out" => summary.filtered_out = number,
            _ => {}
        }
    }
    Some(summary)
}

/// The tests libtest skipped because of an `#[ignore]`.
pub fn ignored(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test ")?.rsplit_once(" ... "))
        .filter(|(_, status)| status.trim() == "ignored" || status.starts_with("ignored,"))
        .map(|(name, _)| name.to_string())
        .collect()
}

/// The thread that overflowed its stack, from the runtime's last words on
/// stderr: "thread 'tests::deep' (1234) has overflowed its stack".
pub fn overflowed(stderr: &str) -> Option<String> {
    stderr.lines().find_map(|line| {
        let rest = line.strip_prefix("thread '")?;
        let (name, after) = rest.split_once('\'')?;
        after
            .contains("has overflowed its stack")
            .then(|| name.to_string())
    })
}

/// The `---- NAME stdout ----` sections of the failures report.
fn failure_sections(stdout: &str) -> Vec<(String, String)> {
    let mut sections = Vec::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    for line in stdout.lines() {
        let header = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"));
        if let Some(name) = header {
            sections.extend(current.take().map(finish));
            current = Some((name.to_string(), Vec::new()));
        } else if line == "failures:" || line.starts_with("test result:") {
            sections.extend(current.take().map(finish));
        } else if let Some((_, body)) = current.as_mut() {
            // libtest's advice to set RUST_BACKTRACE is noise in a lesson.
            if !line.starts_with("note: run with `RUST_BACKTRACE=") {
                body.push(without_thread_name(line));
            }
        }
    }
    sections.extend(current.map(finish));
    sections
}

/// "thread 'tests::a' (1234) panicked at f.rs:3:5:" -> "panicked at f.rs:3:5:"
/// (the test's name is shown beside it already, the thread id never helps).
fn without_thread_name(line: &str) -> &str {
    match line.find(" panicked at ") {
        Some(at) if line.starts_with("thread '") => &line[at + 1..],
        _ => line,
    }
}

fn finish((name, body): (String, Vec<&str>)) -> (String, String) {
    (name, body.join("\n").trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILED_RUN: &str = "
running 2 tests
test tests::orders_overlap ... FAILED
test tests::all_served ... ok

failures:

---- tests::orders_overlap stdout ----

thread 'tests::orders_overlap' panicked at exercises/01/a.rs:40:9:
the three orders took 900 ms: they were served one after another
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    tests::orders_overlap

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";

    #[test]
    fn failures_carry_their_message() {
        let results = parse(FAILED_RUN);
        assert_eq!(results.len(), 2);
        assert!(!results[0].passed);
        let message = results[0].message.as_deref().unwrap();
        assert!(
            message.starts_with("panicked at exercises/01/a.rs:40:9:"),
            "{message}"
        );
        assert!(message.contains("served one after another"));
        assert!(results[1].passed && results[1].message.is_none());
    }

    #[test]
    fn the_summary_line_is_read() {
        let ok = "running 3 tests\ntest a ... ok\n\ntest result: ok. 2 passed; 0 failed; 1 ignored; 0 measured; 4 filtered out; finished in 0.00s\n\n";
        let read = summary(ok).unwrap();
        assert!(read.ok);
        assert_eq!(
            (read.passed, read.failed, read.ignored, read.filtered_out),
            (2, 0, 1, 4)
        );
        let failed = summary(FAILED_RUN).unwrap();
        assert!(!failed.ok);
        assert_eq!((failed.passed, failed.failed), (1, 1));
        assert_eq!(summary("running 2 tests\ntest a ... "), None);
    }

    #[test]
    fn ignored_tests_are_named() {
        let out = "test tests::a ... ignored\ntest tests::b ... ignored, too slow\ntest tests::c ... ok\n";
        assert_eq!(ignored(out), ["tests::a", "tests::b"]);
    }

    #[test]
    fn the_overflowing_thread_is_named() {
        let old = "\nthread 'tests::deep' has overflowed its stack\nfatal runtime error: stack overflow\n";
        let new = "\nthread 'tests::deep' (4242) has overflowed its stack\nfatal runtime error: stack overflow, aborting\n";
        assert_eq!(overflowed(old).as_deref(), Some("tests::deep"));
        assert_eq!(overflowed(new).as_deref(), Some("tests::deep"));
        assert_eq!(overflowed("thread 'main' panicked at a.rs:1:1:"), None);
    }

    #[test]
    fn the_hanging_test_is_named() {
        let out = "\nrunning 2 tests\ntest tests::a ... ok\ntest tests::b ... ";
        assert_eq!(unfinished(out).as_deref(), Some("tests::b"));
        assert_eq!(unfinished(FAILED_RUN), None);
    }
}
