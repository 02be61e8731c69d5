//! What the runner shows of a check's evidence, wherever it is shown (run,
//! watch, diagnose): paths into dependencies shortened, the program's event
//! lines hidden, and what they reported said once, in a sentence.

mod common;

use asynclings::outcome::{
    Event, Mode, Outcome, RunReport, TestResult, Timings, Verdict, SCHEMA_VERSION,
};
use asynclings::render::{self, Detail};

const REGISTRY_PANIC: &str = "panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.47.1/src/runtime/scheduler/multi_thread/mod.rs:89:9:\nCannot start a runtime from within a runtime.";

/// An event line, as the watchdog prints it.
fn event_line(ms: u64) -> String {
    format!("asynclings-event: {{\"event\":\"loop-blocked\",\"ms\":{ms}}}")
}

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
        events: Vec::new(),
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

/// The watchdog reports every stall, once per test: people read one
/// sentence, made from the events, never the event lines themselves.
#[test]
fn the_watchdogs_events_are_said_once_with_the_longest_stall() {
    let tests = [250, 900, 400]
        .iter()
        .map(|ms| {
            failed(
                &format!("tests::t{ms}"),
                &format!(
                    "{}\npanicked at exercises/p.rs:9:9:\nthe loop was blocked",
                    event_line(*ms)
                ),
            )
        })
        .collect();
    let mut in_tests = outcome(Verdict::TestFailed, tests, "");
    in_tests.events = [250, 900, 400].map(|ms| Event::LoopBlocked { ms }).to_vec();
    let stalls = [300, 700, 120, 650];
    let stderr: String = stalls.iter().map(|ms| event_line(*ms) + "\n").collect();
    let mut in_stderr = outcome(Verdict::TimedOut, vec![], &stderr);
    in_stderr.events = stalls.map(|ms| Event::LoopBlocked { ms }).to_vec();
    let mut one = outcome(Verdict::TimedOut, vec![], &(event_line(420) + "\n"));
    one.events = vec![Event::LoopBlocked { ms: 420 }];
    for (o, sentence) in [
        (
            &in_tests,
            "The event loop was blocked for at least 900 ms (the longest of 3 reports).",
        ),
        (
            &in_stderr,
            "The event loop was blocked for at least 700 ms (the longest of 4 reports).",
        ),
        (&one, "The event loop was blocked for at least 420 ms."),
    ] {
        for text in shown(o) {
            assert!(!text.contains("asynclings-event"), "{text}");
            assert!(!text.contains("\"loop-blocked\""), "{text}");
            assert_eq!(text.matches(sentence).count(), 1, "{text}");
            assert_eq!(text.matches("event loop was blocked").count(), 1, "{text}");
        }
    }
    // The sentence is the events': an event line that did not parse (the
    // runner left it out of `events`) is hidden and says nothing.
    let quiet = outcome(Verdict::TimedOut, vec![], &(event_line(420) + "\n"));
    for text in shown(&quiet) {
        assert!(!text.contains("asynclings-event"), "{text}");
        assert!(!text.contains("blocked"), "{text}");
    }
}

#[test]
fn run_shows_a_panic_inside_tokio_from_the_crate_on() {
    let course = common::Course::copy();
    let output = course.run(&["run", "p2_nested_runtime"]);
    let text = common::stdout(&output);
    assert!(text.contains("panicked at tokio-"), "{text}");
    assert!(!text.contains("/registry/src/"), "{text}");
}

/// A finding the evidence singles out names the mistake; one it only fits
/// is told as a possibility.
#[test]
fn a_finding_short_of_sure_is_told_as_a_possibility() {
    let mut o = outcome(Verdict::TimedOut, vec![], "");
    let finding = |confidence| asynclings::outcome::Finding {
        id: asynclings::outcome::MistakeId::Deadlock,
        line: 3,
        column: 0,
        message: "the program did not finish".into(),
        confidence,
    };
    o.mistakes = vec![finding(0.45)];
    for text in shown(&o) {
        assert!(text.contains("Possibly: "), "{text}");
        assert!(!text.contains("Mistake:"), "{text}");
    }
    assert!(render::mistake_line(&o.mistakes[0], &o.path).contains("possibly: deadlock"));
    o.mistakes = vec![finding(0.85)];
    for text in shown(&o) {
        assert!(text.contains("Mistake: "), "{text}");
        assert!(!text.contains("Possibly:"), "{text}");
    }
}
