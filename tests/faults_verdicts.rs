//! Verdicts that must not lie, and checks that must not hang or harm the
//! course: the real binary on a copy of the course.

mod common;

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::{json, kill_processes_named, processes_named, stderr, stdout, Course};

/// A test exercise with two tests (a `#[test]` and a `#[tokio::test]`).
const TWO_TESTS: &str = "p2_countdown";
const TWO_TESTS_PATH: &str = "exercises/02_event_loop/p2_countdown.rs";
const TWO_TESTS_SOLUTION: &str = "solutions/02_event_loop/p2_countdown.rs";

/// The course's first exercise, a test exercise.
const FIRST: &str = "p1_tables";
const FIRST_PATH: &str = "exercises/01_why_async/p1_tables.rs";
const FIRST_SOLUTION: &str = "solutions/01_why_async/p1_tables.rs";

fn run_json(course: &Course, name: &str) -> (Output, serde_json::Value) {
    let output = course.run(&["run", "--json", name]);
    let outcome = json(&output);
    (output, outcome)
}

fn state_of(course: &Course, name: &str) -> String {
    let list = json(&course.run(&["list", "--json"]));
    let exercise = list["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap()
        .clone();
    exercise["state"].as_str().unwrap().to_string()
}

/// The solution of TWO_TESTS, changed by `edit`, checked: it must fail,
/// say `expect`, and leave the exercise not done.
fn solved_but(edit: impl Fn(&str) -> String, expect: &[&str]) {
    let course = Course::copy();
    let solution = course.read(TWO_TESTS_SOLUTION);
    let edited = edit(&solution);
    assert_ne!(edited, solution, "the edit changed nothing");
    course.write(TWO_TESTS_PATH, &edited);
    let (output, outcome) = run_json(&course, TWO_TESTS);
    assert_ne!(outcome["verdict"], "passed", "{outcome:#}");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let summary = outcome["summary"].as_str().unwrap();
    for words in expect {
        assert!(summary.contains(words), "`{words}` not in: {summary}");
    }
    assert_ne!(state_of(&course, TWO_TESTS), "done");
}

// 1. A test exercise passes only when the tests it declares ran and passed.

#[test]
fn a_deleted_test_does_not_pass() {
    solved_but(
        |text| text.replacen("    #[tokio::test(start_paused = true)]\n", "", 1),
        &[
            "`tests::tokio_can_await_it`",
            "did not run",
            "asynclings reset p2_countdown",
        ],
    );
}

#[test]
fn a_test_that_exits_the_process_does_not_pass() {
    solved_but(
        |text| {
            text.replacen(
                "fn polled_by_hand_it_says_not_yet_three_times() {\n",
                "fn polled_by_hand_it_says_not_yet_three_times() {\n        std::process::exit(0);\n",
                1,
            )
        },
        &["`tests::polled_by_hand_it_says_not_yet_three_times`"],
    );
}

#[test]
fn an_ignored_test_does_not_pass() {
    solved_but(
        |text| text.replacen("    #[test]\n", "    #[ignore]\n    #[test]\n", 1),
        &[
            "`tests::polled_by_hand_it_says_not_yet_three_times`",
            "#[ignore]",
        ],
    );
}

/// Without a shipped original (a fixture, or a fork without checksums),
/// at least one test must run.
#[test]
fn a_test_exercise_without_tests_does_not_pass() {
    let course = Course::copy();
    course.add_exercise("fixture_no_tests", "no_tests.rs", "test", "");
    let (output, outcome) = run_json(&course, "fixture_no_tests");
    assert_ne!(outcome["verdict"], "passed", "{outcome:#}");
    assert_eq!(output.status.code(), Some(1));
    let summary = outcome["summary"].as_str().unwrap();
    assert!(summary.contains("no test ran"), "{summary}");
}

// 2. The verdict is about the file's content, whatever its mtime says.

fn set_mtime(path: &Path, to: SystemTime) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(to).unwrap();
}

fn an_hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

#[test]
fn the_shipped_text_copied_back_with_an_old_mtime_fails_again() {
    let course = Course::copy();
    let shipped = course.read(FIRST_PATH);
    std::fs::copy(course.path(FIRST_SOLUTION), course.path(FIRST_PATH)).unwrap();
    let (_, solved) = run_json(&course, FIRST);
    assert_eq!(solved["verdict"], "passed", "{solved:#}");

    // `cp -p` of the shipped text: older than the build it replaces.
    course.write(FIRST_PATH, &shipped);
    set_mtime(&course.path(FIRST_PATH), an_hour_ago());
    let (output, outcome) = run_json(&course, FIRST);
    assert_ne!(outcome["verdict"], "passed", "a stale build was judged");
    assert_eq!(output.status.code(), Some(1));
}

#[cfg(unix)] // Windows makes symbolic links only with a privilege
#[test]
fn a_symlinked_exercise_pointed_at_an_older_file_fails_again() {
    let course = Course::copy();
    let elsewhere = tempfile::tempdir().unwrap();
    let solved = elsewhere.path().join("solved.rs");
    let shipped = elsewhere.path().join("shipped.rs");
    std::fs::copy(course.path(FIRST_SOLUTION), &solved).unwrap();
    std::fs::copy(course.path(FIRST_PATH), &shipped).unwrap();
    set_mtime(&shipped, an_hour_ago());

    let link = course.path(FIRST_PATH);
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&solved, &link).unwrap();
    let (_, outcome) = run_json(&course, FIRST);
    assert_eq!(outcome["verdict"], "passed", "{outcome:#}");

    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&shipped, &link).unwrap();
    let (_, outcome) = run_json(&course, FIRST);
    assert_ne!(outcome["verdict"], "passed", "a stale build was judged");
}

// 3. info.toml's `dir` stays in the course and agrees with the [[bin]].

fn list_error(course: &Course) -> String {
    let output = course.run(&["list"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    stderr(&output)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_dir_that_leaves_the_exercises_folder_is_refused() {
    let course = Course::copy();
    let info = course.read("info.toml");
    // exercises/../solutions/01_why_async/p1_tables.rs exists.
    let edited = info.replacen(
        "dir = \"01_why_async\"",
        "dir = \"../solutions/01_why_async\"",
        1,
    );
    course.write("info.toml", &edited);
    let message = list_error(&course);
    let line = line_of(&edited, "dir = \"../solutions");
    assert!(message.contains(&format!("info.toml:{line}:")), "{message}");
    assert!(message.contains(".."), "{message}");
}

#[test]
fn a_dir_that_disagrees_with_the_bin_is_refused() {
    let course = Course::copy();
    let info = course.read("info.toml");
    let edited = info.replacen("dir = \"01_why_async\"", "dir = \"elsewhere\"", 1);
    course.write("info.toml", &edited);
    course.write("exercises/elsewhere/p1_tables.rs", &course.read(FIRST_PATH));
    let message = list_error(&course);
    let line = line_of(&edited, "dir = \"elsewhere\"");
    assert!(message.contains(&format!("info.toml:{line}:")), "{message}");
    assert!(message.contains("exercises/Cargo.toml"), "{message}");
    assert!(
        message.contains("01_why_async/p1_tables.rs"),
        "names the path the [[bin]] builds: {message}"
    );
}

// 4. The compiler has a time limit of its own.

#[test]
fn an_endless_const_evaluation_is_stopped() {
    let name = "fixture_endless_const";
    let course = Course::copy();
    course.add_exercise(name, "endless_const.rs", "run", "");
    // The dependencies first, at their own pace: the limit is about the
    // exercise itself.
    course.run(&["run", FIRST]);

    let started = Instant::now();
    let mut runner = course
        .command(&["run", "--json", name])
        .env("ASYNCLINGS_BUILD_LIMIT_SECS", "3")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while runner.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            let _ = runner.kill();
            let _ = runner.wait();
            kill_processes_named(name);
            panic!("`run` was still building after 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = runner.wait_with_output().unwrap();
    let outcome = json(&output);
    assert_eq!(outcome["verdict"], "timed-out", "{outcome:#}");
    assert_eq!(output.status.code(), Some(1));
    let summary = outcome["summary"].as_str().unwrap();
    assert!(
        summary.contains("the compiler was still working on your file after 3 s"),
        "{summary}"
    );
    assert!(summary.contains("`const`"), "{summary}");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(processes_named(name), Vec::<String>::new(), "left running");
}

// 5. Time limits are bounded.

#[test]
fn a_huge_timeout_in_info_toml_is_refused() {
    let course = Course::copy();
    let info = course.read("info.toml");
    let edited = info.replacen(
        "mode = \"test\"",
        "mode = \"test\"\ntimeout_secs = 86400",
        1,
    );
    course.write("info.toml", &edited);
    let message = list_error(&course);
    let line = line_of(&edited, "timeout_secs = 86400");
    assert!(message.contains(&format!("info.toml:{line}:")), "{message}");
    assert!(message.contains("3600"), "{message}");
}

#[test]
fn a_huge_timeout_for_diagnose_is_refused() {
    let course = Course::copy();
    course.write("mine.rs", "fn main() {}\n");
    let output = course.run(&["diagnose", "mine.rs", "--timeout-secs", "86400"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let message = stderr(&output);
    assert!(message.contains("--timeout-secs"), "{message}");
    assert!(message.contains("3600"), "{message}");
}

// 6. A checked program cannot touch the course's own files.

#[test]
fn a_program_writing_in_its_working_directory_leaves_the_course_alone() {
    let course = Course::copy();
    course.add_exercise("fixture_writes", "writes_info_toml.rs", "run", "");
    let info = course.read("info.toml");
    let (_, outcome) = run_json(&course, "fixture_writes");
    assert_eq!(outcome["verdict"], "passed", "{outcome:#}");
    assert_eq!(course.read("info.toml"), info);
    let printed = outcome["run"]["stdout"].as_str().unwrap();
    let root = course.dir.path().canonicalize().unwrap();
    assert!(
        !printed
            .trim_end()
            .ends_with(&format!("in {}", root.display())),
        "{printed}"
    );
    // And the course still loads.
    assert_eq!(course.run(&["list"]).status.code(), Some(0));
}

// 7. A stack overflow names the test.

#[test]
fn a_stack_overflow_names_the_test() {
    let course = Course::copy();
    course.add_exercise("fixture_overflow", "stack_overflow.rs", "test", "");
    let (_, outcome) = run_json(&course, "fixture_overflow");
    assert_eq!(outcome["verdict"], "failed", "{outcome:#}");
    let summary = outcome["summary"].as_str().unwrap();
    assert!(summary.contains("`tests::recurses_forever`"), "{summary}");
    assert!(summary.contains("overflowed its stack"), "{summary}");
}

// 8. A file that is not UTF-8 gets the right advice.

#[test]
fn a_file_that_is_not_utf8_is_named_as_such() {
    let course = Course::copy();
    let mut bytes = b"// caf\xe9 (Latin-1)\n".to_vec();
    bytes.extend_from_slice(course.read(FIRST_PATH).as_bytes());
    std::fs::write(course.path(FIRST_PATH), bytes).unwrap();
    let output = course.run(&["run", FIRST]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("not UTF-8"), "{message}");
    assert!(message.contains("asynclings reset p1_tables"), "{message}");
}

// 5. A stuck program is stopped as soon as nothing could ever wake it.

/// A test exercise whose test waits for a message nobody will send: the
/// sender lives on, so the receiver waits forever.
#[cfg(target_os = "linux")] // for the early-stop tests below (Linux only)
const WAITS_FOREVER: &str = r#"async fn next_order(orders: &mut tokio::sync::mpsc::Receiver<u32>) -> Option<u32> {
    orders.recv().await
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_order_arrives() {
        let (_waiter, mut orders) = tokio::sync::mpsc::channel(4);
        assert_eq!(next_order(&mut orders).await, Some(1));
    }
}
"#;

/// The first exercise, written as `text`, with a 6 s limit: its verdict
/// and how long it ran.
#[cfg(target_os = "linux")] // for the early-stop tests below (Linux only)
fn stuck_run(text: &str) -> (serde_json::Value, u64) {
    let course = Course::copy();
    let info = course.read("info.toml");
    let limited = info.replacen(
        &format!("name = \"{FIRST}\"\n"),
        &format!("name = \"{FIRST}\"\ntimeout_secs = 6\n"),
        1,
    );
    assert_ne!(limited, info);
    course.write("info.toml", &limited);
    course.write(FIRST_PATH, text);
    let (_, outcome) = run_json(&course, FIRST);
    let ran = outcome["timings"]["run_ms"].as_u64().unwrap();
    (outcome, ran)
}

/// On tokio's paused clock, a test that waits on nothing outside tokio and
/// uses no processor time for 1.5 s can never go on: it is stopped then,
/// not at its limit, and the summary says why. (Linux: elsewhere the
/// runner cannot see processor time, and the limit stops it.)
#[cfg(target_os = "linux")]
#[test]
fn a_stuck_test_on_the_paused_clock_is_stopped_early() {
    let (outcome, ran) = stuck_run(WAITS_FOREVER);
    assert_eq!(outcome["verdict"], "timed-out", "{outcome:#}");
    assert!(ran < 4_000, "ran {ran} ms of its 6 s: {outcome:#}");
    let summary = outcome["summary"].as_str().unwrap();
    assert!(summary.contains("nothing ran for 1.5 s"), "{summary}");
}

/// On the real clock a quiet program may be waiting on time itself (a long
/// sleep): it gets its whole limit.
#[cfg(target_os = "linux")]
#[test]
fn a_quiet_test_on_the_real_clock_gets_its_whole_limit() {
    let real_clock = WAITS_FOREVER.replace("(start_paused = true)", "");
    let (outcome, ran) = stuck_run(&real_clock);
    assert_eq!(outcome["verdict"], "timed-out", "{outcome:#}");
    assert!(ran >= 6_000, "stopped after {ran} ms: {outcome:#}");
    let summary = outcome["summary"].as_str().unwrap();
    assert!(summary.contains("(the limit is 6 s)"), "{summary}");
    assert!(!summary.contains("nothing ran"), "{summary}");
}
