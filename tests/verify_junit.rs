//! `verify --junit FILE`: the verdicts as the JUnit report a CI system
//! shows, read back with a JUnit parser. The course is cut down to three
//! exercises in two phase folders, one with a route: checking the whole
//! course takes minutes, and tests/runner.rs does that already.

mod common;

use std::path::Path;

use common::{json, stderr, stdout, Course};
use junit_parser::{TestCase, TestSuites};

/// The exercises kept, in course order, with their phase folders.
const KEPT: [(&str, &str); 3] = [
    ("p1_tables", "01_why_async"),
    ("p1_first_await", "01_why_async"),
    ("p2_nested_runtime", "02_event_loop"),
];

/// A copy of the course whose info.toml lists only [`KEPT`].
fn small_course() -> Course {
    let course = Course::copy();
    let mut info: toml::Table = course.read("info.toml").parse().unwrap();
    let exercises = info["exercises"].as_array_mut().unwrap();
    exercises.retain(|e| {
        KEPT.iter()
            .any(|(name, _)| e["name"].as_str() == Some(name))
    });
    assert_eq!(
        exercises.len(),
        KEPT.len(),
        "every kept exercise is in info.toml"
    );
    course.write("info.toml", &toml::to_string(&info).unwrap());
    course
}

fn read_report(path: &Path) -> TestSuites {
    let file = std::fs::File::open(path)
        .unwrap_or_else(|e| panic!("no JUnit report at {}: {e}", path.display()));
    junit_parser::from_reader(std::io::BufReader::new(file))
        .unwrap_or_else(|e| panic!("{} is not JUnit XML: {e}", path.display()))
}

fn cases(report: &TestSuites) -> Vec<&TestCase> {
    report.suites.iter().flat_map(|s| &s.cases).collect()
}

fn names_and_classes<'a>(cases: &[&'a TestCase]) -> Vec<(&'a str, &'a str)> {
    cases
        .iter()
        .map(|c| {
            (
                c.original_name.as_str(),
                c.classname.as_deref().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_failing_exercise_has_a_failure_naming_its_verdict_and_mistake_and_a_passing_one_none() {
    let course = small_course();
    let solved = "02_event_loop/p2_nested_runtime.rs";
    std::fs::copy(
        course.path(&format!("solutions/{solved}")),
        course.path(&format!("exercises/{solved}")),
    )
    .unwrap();

    let output = course.run(&["verify", "--json", "--junit", "report.xml"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // --json still prints its report on stdout, and the file is extra.
    assert_eq!(json(&output)["failed"], 2);

    let report = read_report(&course.path("report.xml"));
    assert_eq!((report.tests, report.failures), (3, 2));
    let cases = cases(&report);
    assert_eq!(names_and_classes(&cases), KEPT);
    for case in &cases {
        assert!(case.time > 0.0, "{} has the time of its check", case.name);
    }

    let [tables, first_await, nested] = cases[..] else {
        unreachable!("three cases, as asserted above")
    };
    assert!(tables.status.is_failure(), "{tables:?}");
    let failure = tables.status.failure_as_ref();
    assert_eq!(failure.failure_type, "test-failed");
    assert!(
        failure.message.starts_with("test failed: ")
            && failure.message.contains("[blocking-in-async]"),
        "{}",
        failure.message
    );
    assert!(failure.text.contains("failed test: "), "{}", failure.text);

    assert!(first_await.status.is_failure(), "{first_await:?}");
    let failure = first_await.status.failure_as_ref();
    assert_eq!(failure.failure_type, "compile-error");
    assert!(
        failure.message.starts_with("compile error: ")
            && failure
                .message
                .contains("[missing-await] at exercises/01_why_async/p1_first_await.rs:"),
        "{}",
        failure.message
    );
    // The compiler's own words, without the terminal's colours.
    assert!(failure.text.contains("error[E"), "{}", failure.text);
    assert!(!failure.text.contains('\u{1b}'), "{:?}", failure.text);

    assert!(nested.status.is_success(), "{nested:?}");
}

#[test]
fn solutions_and_route_proofs_are_one_test_case_each() {
    let course = small_course();
    let output = course.run(&["verify", "--solutions", "--junit", "solutions.xml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("The JUnit report is in solutions.xml."),
        "{}",
        stdout(&output)
    );

    let report = read_report(&course.path("solutions.xml"));
    let cases = cases(&report);
    let mut expected = KEPT.to_vec();
    expected.push(("p2_nested_runtime__async_helper", "02_event_loop"));
    assert_eq!(names_and_classes(&cases), expected);
    for case in cases {
        assert!(case.status.is_success(), "{case:?}");
    }
    assert_eq!(report.failures, 0);
}

#[test]
fn a_report_that_cannot_be_written_is_said_before_any_check() {
    let course = small_course();
    let path = Path::new("no-such-folder").join("report.xml");
    let output = course.run(&["verify", "--junit", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "cannot write the JUnit report to {}: ",
            path.display()
        )) && message.contains("(os error ")
            && message.contains("a folder that exists"),
        "names the path, the OS error and what to do: {message}"
    );
    assert_eq!(stdout(&output), "", "nothing was checked");
}

/// A progress file that cannot be saved (its name is a folder) is an
/// error, said after the work is done: the report is still written and
/// the summary still printed.
#[test]
fn the_report_is_written_even_when_progress_cannot_be_saved() {
    let course = small_course();
    course.write(".asynclings-progress.toml/notes.txt", "mine");
    let output = course.run(&["verify", "--junit", "report.xml"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("`.asynclings-progress.toml` is a folder; move it away"),
        "{}",
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("3 failed"),
        "the summary: {}",
        stdout(&output)
    );
    let report = read_report(&course.path("report.xml"));
    assert_eq!((report.tests, report.failures), (3, 3));
    assert_eq!(course.read(".asynclings-progress.toml/notes.txt"), "mine");
}
