//! Evidence from what happened when the program ran: the verdict, panic
//! texts (mapped even when the panic location is inside tokio's own source),
//! test failure messages, and the events the program reported (the
//! watchdog's `loop-blocked`, the support library's failed timing
//! assertions), read as data, never from prose.
//!
//! Some signals name a mistake on their own (a panic text); others only say
//! *what kind* of thing went wrong (a hang, a blocked loop, a timing test that
//! failed), and the ranking asks the source *which* mistake caused it.

use crate::candidate::{Candidate, EvidenceKind};
use crate::catalogue::MistakeId;
use crate::evidence::{is_event_line, Event, Evidence, Verdict};

/// What the run says, beyond the candidates it names outright.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RunEvidence {
    /// Mistakes named by the run itself (panic texts).
    pub candidates: Vec<Candidate>,
    /// The program did not finish: stopped by the time limit, or a test gave
    /// up waiting (`deadline has elapsed`).
    pub hung: bool,
    /// The longest stall of the event loop that the watchdog reported.
    pub loop_blocked_ms: Option<u64>,
    /// A failing test speaks of time: "took 900 ms", "one after another".
    pub timing_failure: bool,
    /// A failing test says other tasks were starved or the loop stalled.
    pub starved: bool,
    /// A failing test speaks of queues, memory or how many ran at once.
    pub pressure_failure: bool,
    /// A panic happened, but the program (or its test) did not stop on it:
    /// a task panicked and nobody looked.
    pub swallowed_panic: bool,
    /// Output or work is missing at the end.
    pub missing_work: bool,
    /// The program ran (it built), whatever the verdict.
    pub ran: bool,
}

/// Panic texts from tokio (and futures) that name a mistake.
const PANICS: &[(&str, MistakeId, f32)] = &[
    (
        "Cannot start a runtime from within a runtime",
        MistakeId::NestedRuntime,
        0.95,
    ),
    (
        "Cannot drop a runtime in a context where blocking is not allowed",
        MistakeId::NestedRuntime,
        0.9,
    ),
    (
        "there is no reactor running",
        MistakeId::MissingRuntime,
        0.95,
    ),
    (
        "must be called from the context of a Tokio 1.x runtime",
        MistakeId::MissingRuntime,
        0.95,
    ),
    ("no reactor running", MistakeId::MissingRuntime, 0.9),
    ("timers are disabled", MistakeId::MissingRuntime, 0.7),
    ("IO is disabled", MistakeId::MissingRuntime, 0.7),
    (
        "Cannot block the current thread from within a runtime",
        MistakeId::BlockingInAsync,
        0.85,
    ),
    (
        "can call blocking only when running on the multi-threaded runtime",
        MistakeId::BlockingInAsync,
        0.6,
    ),
    ("executor::block_on", MistakeId::NestedRuntime, 0.5),
];

const TIMING_WORDS: &[&str] = &[
    " ms",
    "ms:",
    "millisecond",
    "seconds",
    "took",
    "one after another",
    "overlap",
    "at the same time",
    "concurrently",
    "sequential",
    "in turn",
    "too long",
    "too slow",
    "blocked",
    "stalled",
    "elapsed",
    "late",
];

/// Words of a failing test that gave up waiting (a timeout in the test).
const HUNG_WORDS: &[&str] = &[
    "deadline has elapsed",
    "elapsed(())",
    "did not finish",
    "never finished",
    "timed out",
    "still waiting",
    "forever",
    "deadlock",
    "never woke",
    "never polled",
    "polled the task again",
    "hangs",
    "hung",
    "stuck",
];

/// What `tokio::time::timeout` says when it gives up: a hang, not a timing.
const GAVE_UP_WORDS: &[&str] = &["deadline has elapsed", "elapsed(())"];

const STARVED_WORDS: &[&str] = &[
    "turns",
    "only thread",
    "no .await",
    "give the thread back",
    "event loop",
    "starv",
    "ticked",
    "tick",
    "heartbeat",
    "blocked",
    "stalled",
    "frozen",
    "froze",
];

const PRESSURE_WORDS: &[&str] = &[
    "queue",
    "backlog",
    "memory",
    "in flight",
    "at once",
    "at a time",
    "backpressure",
    "bounded",
    "unbounded",
    "pending",
    "piled",
    "limit",
];

pub(crate) fn evidence(outcome: &Evidence) -> RunEvidence {
    let mut ev = RunEvidence::default();
    let Some(run) = outcome.run else {
        return ev;
    };
    ev.ran = true;
    ev.hung = run.timed_out || outcome.verdict == Verdict::TimedOut;

    let mut texts: Vec<&str> = vec![&run.stderr, &run.stdout];
    for t in outcome.tests {
        if let Some(m) = &t.message {
            texts.push(m);
        }
    }
    for text in &texts {
        for (needle, id, confidence) in PANICS {
            if text.contains(needle) && !ev.candidates.iter().any(|c| c.id == *id) {
                let quote = text
                    .lines()
                    .find(|l| l.contains(needle))
                    .unwrap_or(needle)
                    .trim();
                ev.candidates.push(Candidate::new(
                    *id,
                    EvidenceKind::Runtime,
                    *confidence,
                    format!("the program panicked with \"{quote}\""),
                ));
            }
        }
    }
    for event in outcome.events {
        if let Some(ms) = event.loop_blocked_ms() {
            ev.loop_blocked_ms = Some(ev.loop_blocked_ms.map_or(ms, |m| m.max(ms)));
        }
        if event.is_timing_failure() {
            ev.timing_failure = true;
        }
        if matches!(event, Event::LoopBlockedOverMax { .. }) {
            ev.starved = true;
        }
        if matches!(event, Event::TaskWaits { .. } | Event::Unwoken { .. }) {
            ev.hung = true; // stopped stuck, before its time limit
        }
    }
    ev.candidates
        .extend(crate::stuck::candidates(outcome.events));

    let failed_messages: Vec<String> = outcome
        .failed_tests()
        .filter_map(|t| t.message.clone())
        .chain(
            // A run-mode program's own panic message is a failure message too.
            (outcome.verdict == Verdict::Panicked).then(|| panic_messages(&run.stderr).join("\n")),
        )
        .collect();
    for message in &failed_messages {
        // The event lines among a test's output are data, read above.
        let lower = message
            .lines()
            .filter(|l| !is_event_line(l))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        if HUNG_WORDS.iter().any(|w| lower.contains(w)) {
            ev.hung = true;
        }
        // A test that gave up waiting (`timeout(..)` answering `Elapsed`)
        // speaks of a wait that never ended, not of waits that added up: its
        // own words say nothing about timing.
        let mut timing_text = lower.clone();
        for phrase in GAVE_UP_WORDS {
            timing_text = timing_text.replace(phrase, "");
        }
        if TIMING_WORDS.iter().any(|w| timing_text.contains(w)) {
            ev.timing_failure = true;
        }
        if STARVED_WORDS.iter().any(|w| lower.contains(w)) {
            ev.starved = true;
        }
        if PRESSURE_WORDS.iter().any(|w| lower.contains(w)) {
            ev.pressure_failure = true;
        }
        if lower.contains("missing")
            || lower.contains("never")
            || lower.contains("lost")
            || lower.contains("only ")
        {
            ev.missing_work = true;
        }
    }

    // A panic that did not end the program (or that is not the failing
    // test's own message) happened in a task whose result nobody checked.
    let panics = panic_messages(&run.stderr);
    let joined_by_unwrap = texts.iter().any(|t| t.contains("JoinError"));
    // A program that exited with status 0 did not stop on its panic, however
    // the verdict reads it: the panic happened in a task nobody looked at.
    let exited_fine = run.exit_code == Some(0) && run.signal.is_none() && !run.timed_out;
    let stopped_on_it = outcome.verdict == Verdict::Panicked && panics.len() <= 1 && !exited_fine;
    if !panics.is_empty() && !joined_by_unwrap && !stopped_on_it {
        let failing: String = failed_messages.join("\n");
        let unexplained = panics.iter().any(|p| !failing.contains(p.as_str()));
        if outcome.verdict != Verdict::TestFailed || unexplained {
            ev.swallowed_panic = true;
        }
    }
    if outcome.verdict == Verdict::WrongOutput {
        if let Some(expected) = outcome.expected_output {
            if same_events_other_times(expected, &run.stdout) {
                // Every expected line is there, only at other times or in
                // another order: the work happened, its waits did not overlap
                // (or overlapped where they should not).
                ev.timing_failure = true;
            } else {
                let got: Vec<&str> = run.stdout.lines().collect();
                ev.missing_work = expected.lines().any(|l| !got.contains(&l));
            }
        }
    }
    ev
}

/// The output has the expected lines once times are set aside, and it
/// differs only in when things happened: lines in another order, or numbers
/// that are durations (`400 ms`, `1.5 s`). A count that differs (`total: 3`
/// for `total: 6`) is not a timing.
fn same_events_other_times(expected: &str, got: &str) -> bool {
    let lines = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    };
    let (expected, got) = (lines(expected), lines(got));
    if expected == got || expected.len() != got.len() {
        return false;
    }
    let mut a: Vec<String> = expected.iter().map(|l| without_times(l)).collect();
    let mut b: Vec<String> = got.iter().map(|l| without_times(l)).collect();
    let reordered = a != b;
    a.sort();
    b.sort();
    if a != b {
        return false;
    }
    // Either the same lines came in another order, or every line that
    // differs differs in a duration only.
    reordered
        || expected
            .iter()
            .zip(&got)
            .filter(|(e, g)| e != g)
            .all(|(e, g)| without_times(e) == without_times(g) && has_duration(e))
}

/// A line with its durations (`400 ms`, `400ms`, `1.5 s`) replaced by `#`.
fn without_times(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic() || c == ':' || c == ',');
        let is_number = !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
            && digits.chars().any(|c| c.is_ascii_digit());
        let unit_here = is_unit(&w[digits.len()..]);
        let unit_next = words.get(i + 1).is_some_and(|n| is_unit(n));
        if is_number && unit_here {
            out.push("#".to_string());
            out.push(w[digits.len()..].to_string());
        } else if is_number && unit_next && w.len() == digits.len() {
            out.push("#".to_string());
            out.push(words[i + 1].to_string());
            i += 1;
        } else {
            out.push(w.to_string());
        }
        i += 1;
    }
    out.join(" ")
}

fn is_unit(word: &str) -> bool {
    let unit = word.trim_end_matches([':', ',', ')', '.']);
    matches!(
        unit,
        "ms" | "s" | "us" | "µs" | "ns" | "sec" | "secs" | "millis" | "milliseconds" | "seconds"
    )
}

fn has_duration(line: &str) -> bool {
    without_times(line).contains('#')
}

/// The messages of every `panicked at` in a stderr, one string each.
fn panic_messages(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.contains("panicked at") {
            // Rust >= 1.73 prints the message on the next line.
            let next = lines.get(i + 1).copied().unwrap_or("");
            let message = line.split("panicked at").nth(1).unwrap_or("").trim();
            let message = if message.ends_with(':') || message.is_empty() {
                next.trim().to_string()
            } else {
                message.to_string()
            };
            found.push(message);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::TestResult;
    use crate::testing::*;

    fn read(check: &Check) -> RunEvidence {
        evidence(&check.evidence(""))
    }

    #[test]
    fn tokio_panics_name_the_mistake_even_from_tokio_source() {
        let stderr = "thread 'main' panicked at /root/.cargo/registry/src/tokio-1.54.1/src/runtime/scheduler/multi_thread/mod.rs:86:9:\nCannot start a runtime from within a runtime. This happens because a function (like `block_on`) attempted to block the current thread while the thread is being used to drive asynchronous tasks.\n";
        let ev = read(&ran(Verdict::Panicked, stderr));
        assert_eq!(ev.candidates[0].id, MistakeId::NestedRuntime);

        let stderr = "thread 'main' panicked at src/main.rs:4:5:\nthere is no reactor running, must be called from the context of a Tokio 1.x runtime\n";
        let ev = read(&ran(Verdict::Panicked, stderr));
        assert_eq!(ev.candidates[0].id, MistakeId::MissingRuntime);
        assert!(!ev.swallowed_panic);
    }

    #[test]
    fn the_watchdogs_events_are_read_not_its_prose() {
        let mut o = ran(Verdict::TestFailed, "");
        o.events = vec![
            Event::LoopBlocked { ms: 250 },
            Event::LoopBlocked { ms: 900 },
        ];
        assert_eq!(read(&o).loop_blocked_ms, Some(900));
        // A sentence that reads like the watchdog's is the program's own
        // text: it is no evidence.
        let o = ran(
            Verdict::TestFailed,
            "asynclings: event loop blocked for at least 420 ms\n",
        );
        assert_eq!(read(&o).loop_blocked_ms, None);
    }

    #[test]
    fn failed_timing_assertions_are_read_from_their_events() {
        let mut o = ran(Verdict::TestFailed, "");
        o.tests.push(TestResult {
            name: "serves".into(),
            passed: false,
            message: Some("the numbers did not add up".into()),
        });
        assert!(!read(&o).timing_failure);
        o.events = vec![Event::NotOverlapped {
            ms: 900,
            max_ms: 300,
        }];
        assert!(read(&o).timing_failure);
        o.events = vec![Event::LoopBlockedOverMax {
            ms: 400,
            max_ms: 100,
        }];
        let ev = read(&o);
        assert!(ev.starved && ev.loop_blocked_ms == Some(400));
        // The event line itself, captured in the test's output, is not
        // read as words ("blocked", " ms").
        o.events.clear();
        o.tests[0].message = Some(
            "asynclings-event: {\"event\":\"loop-blocked\",\"ms\":420}\nthe numbers did not add up"
                .into(),
        );
        let ev = read(&o);
        assert!(!ev.timing_failure && !ev.starved, "{ev:?}");
    }

    #[test]
    fn timeouts_and_timing_failures() {
        let ev = read(&ran(Verdict::TimedOut, ""));
        assert!(ev.hung);
        let mut o = ran(Verdict::TestFailed, "");
        o.tests.push(TestResult {
            name: "serves".into(),
            passed: false,
            message: Some("the 3 orders took 900 ms: they were served one after another".into()),
        });
        let ev = read(&o);
        assert!(ev.timing_failure && !ev.hung);
    }

    #[test]
    fn a_test_that_gave_up_waiting_is_a_hang_not_a_timing() {
        let mut o = ran(Verdict::TestFailed, "");
        o.tests.push(TestResult {
            name: "closes".into(),
            passed: false,
            message: Some("a worker still runs after closing time: Elapsed(())".into()),
        });
        let ev = read(&o);
        assert!(ev.hung && !ev.timing_failure);
    }

    #[test]
    fn output_with_the_same_events_at_other_times() {
        let expected = "   0 ms  a starts\n   0 ms  b starts\n 100 ms  b done\n 200 ms  a done\n";
        let mut o = ran(Verdict::WrongOutput, "");
        o.expected_output = Some(expected.into());
        o.run.as_mut().unwrap().stdout =
            "   0 ms  a starts\n 200 ms  a done\n 200 ms  b starts\n 300 ms  b done\n".into();
        let ev = read(&o);
        assert!(ev.timing_failure && !ev.missing_work);
        // Only a duration differs.
        o.expected_output = Some("done in 100 ms\n".into());
        o.run.as_mut().unwrap().stdout = "done in 300ms\n".into();
        assert!(read(&o).timing_failure);
        // A count is not a time; a missing line is missing work.
        o.expected_output = Some("total: 6\n".into());
        o.run.as_mut().unwrap().stdout = "total: 3\n".into();
        let ev = read(&o);
        assert!(!ev.timing_failure && ev.missing_work);
        o.expected_output = Some("a\nb\n".into());
        o.run.as_mut().unwrap().stdout = "a\n".into();
        let ev = read(&o);
        assert!(!ev.timing_failure && ev.missing_work);
    }

    #[test]
    fn a_task_panic_in_a_passing_program_was_swallowed() {
        let stderr = "thread 'tokio-runtime-worker' panicked at src/main.rs:9:13:\nbad order\n";
        assert!(read(&ran(Verdict::Passed, stderr)).swallowed_panic);
        // A panic that is the program's own failure is not swallowed.
        let stderr = "thread 'main' panicked at src/main.rs:9:13:\nassertion failed\n";
        assert!(!read(&ran(Verdict::Panicked, stderr)).swallowed_panic);
    }

    #[test]
    fn a_panic_in_a_program_that_exited_fine_was_swallowed() {
        // The verdict reads "panicked" from the text, but the program went
        // on and exited with status 0: the panic was in a task.
        let stderr = "thread 'tokio-runtime-worker' panicked at src/main.rs:4:5:
no readings
";
        let mut o = ran(Verdict::Panicked, stderr);
        o.run.as_mut().unwrap().exit_code = Some(0);
        assert!(read(&o).swallowed_panic);
    }
}
