//! What the runner shows of a check's evidence, wherever it is shown (run,
//! watch, diagnose): paths into dependencies shortened, the watchdog's
//! report said once.

mod common;

use asynclings::outcome::{Mode, Outcome, RunReport, TestResult, Timings, Verdict, SCHEMA_VERSION};
use asynclings::render::{self, Detail};

const REGISTRY_PANIC: &str = "panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.47.1/src/runtime/scheduler/multi_thread/mod.rs:89:9:\nCannot start a runtime from within a runtime.";

const WATCHDOG: &str = "asynclings: event loop blocked for at least";

fn outcome(verdict: Verdict, tests: Vec<TestResult>, stderr: &str) -> Outcome {
    Outcome {
        schema: SCHEMA_VERSION,
        name: "p".into(),
        path: "exercises/p.rs".into(),
        mode: Mode::Test,
        verdict,
        summary: String::new(),
        diagnostics: vec![],
        tests,
        run: Some(RunReport {
            stderr: stderr.into(),
            ..RunReport::default()
        }),
        expected_output: None,
        mistakes: vec![],
        notes: vec![],
        timings: Timings::default(),
    }
}

fn failed(name: &str, message: &str) -> TestResult {
    TestResult {
        name: name.into(),
        passed: false,
        message: Some(message.into()),
    }
}

fn shown(outcome: &Outcome) -> Vec<String> {
    console::set_colors_enabled(false);
    [Detail::Brief, Detail::Full]
        .iter()
        .map(|detail| render::outcome(outcome, *detail))
        .collect()
}

#[test]
fn a_panic_inside_a_dependency_is_shown_from_the_crate_on() {
    let in_test = outcome(
        Verdict::TestFailed,
        vec![failed("tests::bill", REGISTRY_PANIC)],
        "",
    );
    let in_main = outcome(
        Verdict::Panicked,
        vec![],
        &format!("thread 'main' {REGISTRY_PANIC}\nnote: run with `RUST_BACKTRACE=1`"),
    );
    for text in shown(&in_test).iter().chain(&shown(&in_main)) {
        assert!(
            text.contains(
                "panicked at tokio-1.47.1/src/runtime/scheduler/multi_thread/mod.rs:89:9:"
            ),
            "{text}"
        );
        assert!(!text.contains(".cargo/registry"), "{text}");
    }
}

#[test]
fn the_watchdog_report_is_said_once_with_the_longest_stall() {
    let tests = [250, 900, 400]
        .iter()
        .map(|ms| {
            failed(
                &format!("tests::t{ms}"),
                &format!(
                    "panicked at exercises/p.rs:9:9:\nthe loop was blocked\n{WATCHDOG} {ms} ms"
                ),
            )
        })
        .collect();
    let in_tests = outcome(Verdict::TestFailed, tests, "");
    let stderr: String = [300, 700, 120, 650]
        .iter()
        .map(|ms| format!("{WATCHDOG} {ms} ms\n"))
        .collect();
    let in_stderr = outcome(Verdict::TimedOut, vec![], &stderr);
    for text in shown(&in_tests).iter().chain(&shown(&in_stderr)) {
        assert_eq!(text.matches(WATCHDOG).count(), 1, "{text}");
    }
    let [_, full] = &shown(&in_tests)[..] else {
        unreachable!()
    };
    assert!(full.contains(&format!("{WATCHDOG} 900 ms")), "{full}");
    let [_, full] = &shown(&in_stderr)[..] else {
        unreachable!()
    };
    assert!(full.contains(&format!("{WATCHDOG} 700 ms")), "{full}");
}

#[test]
fn run_shows_a_panic_inside_tokio_from_the_crate_on() {
    let course = common::Course::copy();
    let output = course.run(&["run", "p2_nested_runtime"]);
    let text = common::stdout(&output);
    assert!(text.contains("panicked at tokio-"), "{text}");
    assert!(!text.contains("/registry/src/"), "{text}");
}
