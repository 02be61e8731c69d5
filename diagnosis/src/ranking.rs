//! Weighs the candidates of every kind of evidence against the verdict, and
//! keeps what is worth telling, most likely first.
//!
//! The rules of thumb:
//! - the same mistake seen by two kinds of evidence is surer than by one;
//! - a hang (`channel-never-closed`, `lost-wakeup`, `deadlock`) cannot be the
//!   story of a program that ran to its end;
//! - what the run measured (a blocked loop, a timing test that failed, a
//!   swallowed panic) raises the source candidates that explain it; a task's
//!   panic is not "swallowed" in a program whose source handles its tasks'
//!   failures (a `JoinError` matched and reported), unless the source also
//!   shows a result thrown away or a task dropped;
//! - a program that passed only hears about mistakes found with confidence
//!   (a task spawned and dropped, a future never polled), never about
//!   judgement calls such as sequential awaits;
//! - of several places that show one mistake, point first at the one outside
//!   the program's tests, then at the costliest (a loop of waits before one
//!   wait); "also on line" names only places worth telling on their own;
//! - style notes are told only when the program passed: on a failing check
//!   they could point away from the fix.

use crate::candidate::{Candidate, EvidenceKind, Note};
use crate::catalogue::MistakeId;
use crate::evidence::Verdict;
use crate::finding::{Finding, NoteId};
use crate::runtime::RunEvidence;
use crate::source::SourceReport;
use crate::Diagnosis;

/// Below this, a candidate is not worth telling a learner whose program failed.
pub(crate) const FAILING_THRESHOLD: f32 = 0.4;
/// A program that passed only hears about mistakes this sure.
const PASSING_THRESHOLD: f32 = 0.7;
/// At most this many mistakes are reported.
const MAX_MISTAKES: usize = 5;

/// Mistakes that make a program hang: they cannot explain a run that ended.
const HANGS: &[MistakeId] = &[
    MistakeId::ChannelNeverClosed,
    MistakeId::LostWakeup,
    MistakeId::Deadlock,
];
/// Mistakes that are a judgement call from the source alone: reported only
/// when a run shows their effect.
const NEED_FAILURE: &[MistakeId] = &[
    MistakeId::SequentialAwaits,
    MistakeId::UnboundedBackpressure,
];

/// A judgement call the source is this sure of (a producer that sends
/// thousands of items into an unbounded channel without ever waiting) is
/// reported even when the run went well.
const SURE_WITHOUT_FAILURE: f32 = 0.75;

/// A loop stall this long (ms) is a mistake even in a passing program.
const LONG_STALL_MS: u64 = 200;
/// What can keep the loop's thread from its other tasks.
const STALLS: &[MistakeId] = &[
    MistakeId::BlockingInAsync,
    MistakeId::CpuHog,
    MistakeId::NestedRuntime,
];

pub(crate) fn rank(
    verdict: Verdict,
    compiler: Vec<Candidate>,
    source: SourceReport,
    run: RunEvidence,
) -> Diagnosis {
    // The program looked at its tasks' failures, and nothing in it throws a
    // task's result (or the task) away: a task's panic was its to handle.
    let panics_handled = source.handles_join_errors
        && !source.candidates.iter().any(|c| {
            c.id == MistakeId::IgnoredTaskPanic
                || (c.id == MistakeId::UnjoinedTask && c.confidence >= FAILING_THRESHOLD)
        });
    let mut all: Vec<Candidate> = compiler;
    all.extend(source.candidates);
    all.extend(run.candidates.iter().cloned());

    weigh(&mut all, verdict, &run, panics_handled);

    let threshold = match verdict {
        Verdict::Passed | Verdict::CompileError => PASSING_THRESHOLD,
        _ => FAILING_THRESHOLD,
    };
    let mut merged = merge(all);
    merged.retain(|c| {
        let enough = if c.evidence == EvidenceKind::Compiler {
            FAILING_THRESHOLD
        } else {
            threshold
        };
        c.confidence >= enough
    });
    if matches!(verdict, Verdict::Passed) {
        merged.retain(|c| {
            let judgement = NEED_FAILURE.contains(&c.id) && c.confidence < SURE_WITHOUT_FAILURE;
            !judgement && !HANGS.contains(&c.id)
        });
    }
    merged.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(a.evidence.cmp(&b.evidence))
            .then(a.line.cmp(&b.line))
    });
    merged.truncate(MAX_MISTAKES);

    // Style notes never contradict the likely fix: "this async fn never
    // awaits: it could be a plain fn" points the wrong way on a failing
    // check whose fix is an `.await` inside that fn (or a blocking call
    // there). A program that failed hears about its mistakes only.
    let notes = if verdict == Verdict::Passed {
        source.notes.iter().map(note).collect()
    } else {
        Vec::new()
    };
    Diagnosis {
        mistakes: merged.iter().map(finding).collect(),
        notes,
    }
}

fn bump(all: &mut [Candidate], id: MistakeId, by: f32) {
    for c in all.iter_mut().filter(|c| c.id == id) {
        c.confidence = (c.confidence + by).min(0.99);
    }
}

/// A stalled loop is evidence for whatever stalls it: a blocking call or a
/// hog. When the source already shows one of them for certain, the stall
/// is explained, and the other is not raised by it.
fn bump_stall(all: &mut [Candidate], by: f32) {
    let certain = |id| all.iter().any(|c| c.id == id && c.confidence >= CERTAIN);
    let (blocking, hog) = (
        certain(MistakeId::BlockingInAsync),
        certain(MistakeId::CpuHog),
    );
    if !hog || blocking {
        bump(all, MistakeId::BlockingInAsync, by);
    }
    if !blocking || hog {
        bump(all, MistakeId::CpuHog, by);
    }
}

/// A hang with nothing more specific in sight than a loop that never
/// awaits: the program is stuck in that loop.
const HUNG_IN_A_LOOP: f32 = 0.45;

/// A source finding this sure needs no help from the run.
const CERTAIN: f32 = 0.9;

/// Raises or lowers candidates by what the run showed. `panics_handled`:
/// the source handles its tasks' failures, so a task's panic in the run is
/// no evidence that one was ignored.
fn weigh(all: &mut Vec<Candidate>, verdict: Verdict, run: &RunEvidence, panics_handled: bool) {
    if run.hung {
        for id in HANGS {
            bump(all, *id, 0.12);
        }
        bump(all, MistakeId::LockAcrossAwait, 0.05);
    } else if run.ran && verdict == Verdict::Passed {
        // It ended well: whatever else is wrong, it is not a hang.
        all.retain(|c| !HANGS.contains(&c.id));
    } else {
        // It failed without a word of waiting, or never ran: a hang is
        // possible, less likely.
        for c in all.iter_mut().filter(|c| HANGS.contains(&c.id)) {
            c.confidence *= 0.6;
        }
    }
    if let Some(ms) = run.loop_blocked_ms {
        // The source's best explanation of the stall, if it has one.
        let explanation = all
            .iter()
            // `block_on` on another executor stalls the thread as surely as
            // a blocking call does.
            .filter(|c| STALLS.contains(&c.id))
            .max_by(|a, b| {
                a.confidence.total_cmp(&b.confidence).then(
                    (a.id == MistakeId::BlockingInAsync).cmp(&(b.id == MistakeId::BlockingInAsync)),
                )
            })
            .map(|c| c.id);
        bump_stall(all, 0.15);
        // A stall seen while it happened is a fact, not a guess: a long one
        // is reported even when the program went on to pass. It confirms the
        // source's weak suspect (a loop of unknown size) rather than being
        // swallowed by it.
        let confidence = if ms >= LONG_STALL_MS { 0.75 } else { 0.55 };
        all.push(Candidate::new(
            explanation.unwrap_or(MistakeId::BlockingInAsync),
            EvidenceKind::Runtime,
            confidence,
            format!("the event loop was blocked for at least {ms} ms while the program ran"),
        ));
    }
    if run.timing_failure {
        bump(all, MistakeId::SequentialAwaits, 0.45);
        bump_stall(all, 0.1);
    }
    if run.starved {
        bump_stall(all, 0.2);
    }
    if run.pressure_failure {
        bump(all, MistakeId::UnboundedBackpressure, 0.35);
    }
    if run.swallowed_panic && !panics_handled {
        if all.iter().any(|c| c.id == MistakeId::IgnoredTaskPanic) {
            bump(all, MistakeId::IgnoredTaskPanic, 0.2);
        } else {
            all.push(Candidate::new(
                MistakeId::IgnoredTaskPanic,
                EvidenceKind::Runtime,
                0.6,
                "a task panicked while the program ran, and the program carried on as if nothing happened",
            ));
        }
    }
    if run.missing_work {
        bump(all, MistakeId::UnjoinedTask, 0.1);
        bump(all, MistakeId::UnawaitedFuture, 0.1);
    }
    if run.hung
        && verdict == Verdict::TimedOut
        && all.iter().all(|c| c.confidence < FAILING_THRESHOLD)
    {
        // A loop in sight that spins (or computes) without `.await` keeps
        // the thread busy: the program is stuck in it, which is no deadlock
        // (where nothing is ready to run).
        if let Some(hog) = all
            .iter_mut()
            .filter(|c| c.id == MistakeId::CpuHog && c.evidence == EvidenceKind::Source)
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        {
            hog.confidence = hog.confidence.max(HUNG_IN_A_LOOP);
        } else {
            all.push(Candidate::new(
                MistakeId::Deadlock,
                EvidenceKind::Runtime,
                0.45,
                "the program did not finish and was stopped, and no more specific cause shows in the source",
            ));
        }
    }
}

/// One candidate per id: evidence of different kinds adds up, and the
/// location comes from the surest kind (compiler, then source, then run).
fn merge(all: Vec<Candidate>) -> Vec<Candidate> {
    let mut ids: Vec<MistakeId> = Vec::new();
    for c in &all {
        if !ids.contains(&c.id) {
            ids.push(c.id);
        }
    }
    let mut out = Vec::new();
    for id in ids {
        let group: Vec<&Candidate> = all.iter().filter(|c| c.id == id).collect();
        let mut missing = 1.0f32;
        for kind in [
            EvidenceKind::Compiler,
            EvidenceKind::Source,
            EvidenceKind::Runtime,
        ] {
            if let Some(best) = group
                .iter()
                .filter(|c| c.evidence == kind)
                .map(|c| c.confidence)
                .reduce(f32::max)
            {
                missing *= 1.0 - best;
            }
        }
        // Where to point: the compiler's place first; else the place
        // outside the program's tests, then the costliest, then the surest.
        let located = group
            .iter()
            .filter(|c| c.line > 0)
            .min_by(|a, b| {
                a.evidence
                    .cmp(&b.evidence)
                    .then(a.in_tests.cmp(&b.in_tests))
                    // A place worth telling on its own before a weak
                    // suspect that merely costs more.
                    .then(worth_telling(b).cmp(&worth_telling(a)))
                    .then(b.cost.cmp(&a.cost))
                    .then(b.confidence.total_cmp(&a.confidence))
            })
            .or_else(|| {
                group
                    .iter()
                    .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
            })
            .copied()
            .expect("a group is never empty");
        let mut best = located.clone();
        // The compiler names the error, the source the code: the routes
        // that fit the code the compiler points at come from the source.
        if best.evidence == EvidenceKind::Compiler && best.routes.is_empty() {
            if let Some(fit) = group
                .iter()
                .find(|c| c.line == best.line && !c.routes.is_empty())
            {
                best.routes = fit.routes;
            }
        }
        best.confidence = (1.0 - missing).min(0.99);
        best.evidence = group
            .iter()
            .map(|c| c.evidence)
            .min()
            .unwrap_or(best.evidence);
        let mut others: Vec<usize> = group
            .iter()
            .filter(|c| c.line > 0 && c.line != best.line && c.evidence == EvidenceKind::Source)
            // The tests' lines are no news when the program's own show it;
            // a line is named only when it is worth telling on its own.
            .filter(|c| best.in_tests || !c.in_tests)
            .filter(|c| worth_telling(c))
            .map(|c| c.line)
            .collect();
        others.sort_unstable();
        others.dedup();
        if !others.is_empty() {
            let list: Vec<String> = others.iter().map(|l| l.to_string()).collect();
            best.detail = format!("{} (also on line {})", best.detail, list.join(", "));
        }
        out.push(best);
    }
    out
}

fn worth_telling(c: &Candidate) -> bool {
    c.confidence >= FAILING_THRESHOLD
}

fn sentence(detail: &str) -> String {
    let mut chars = detail.trim().chars();
    let mut text: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !text.ends_with('.') && !text.is_empty() {
        text.push('.');
    }
    text
}

fn finding(c: &Candidate) -> Finding {
    let m = c.id.mistake();
    let message = format!(
        "{} {} Try this: {}",
        sentence(&c.detail),
        m.explanation,
        m.advice(c.routes)
    );
    Finding {
        id: c.id,
        line: c.line,
        column: c.column,
        message,
        confidence: (c.confidence * 100.0).round() / 100.0,
    }
}

fn note(c: &Note) -> Finding<NoteId> {
    Finding {
        id: c.id,
        line: c.line,
        column: c.column,
        message: sentence(&c.detail),
        confidence: c.confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(id: MistakeId, evidence: EvidenceKind, confidence: f32, line: usize) -> Candidate {
        Candidate::new(id, evidence, confidence, "seen").at(line, 1)
    }

    fn plain_fn_note() -> Note {
        Note {
            id: NoteId::AsyncFnWithoutAwait,
            line: 3,
            column: 1,
            confidence: 0.5,
            detail: "seen".into(),
        }
    }

    fn ran() -> RunEvidence {
        RunEvidence {
            ran: true,
            ..RunEvidence::default()
        }
    }

    #[test]
    fn two_kinds_of_evidence_add_up_and_the_compiler_places_it() {
        let d = rank(
            Verdict::CompileError,
            vec![cand(
                MistakeId::LockAcrossAwait,
                EvidenceKind::Compiler,
                0.9,
                12,
            )],
            SourceReport {
                candidates: vec![cand(
                    MistakeId::LockAcrossAwait,
                    EvidenceKind::Source,
                    0.85,
                    10,
                )],
                ..SourceReport::default()
            },
            RunEvidence::default(),
        );
        assert_eq!(d.mistakes.len(), 1);
        assert_eq!(d.mistakes[0].line, 12);
        assert!(d.mistakes[0].confidence > 0.95);
        assert!(d.mistakes[0].message.contains("Try this:"));
    }

    #[test]
    fn a_run_that_ended_is_no_hang() {
        let src = SourceReport {
            candidates: vec![cand(
                MistakeId::ChannelNeverClosed,
                EvidenceKind::Source,
                0.8,
                3,
            )],
            ..SourceReport::default()
        };
        let d = rank(Verdict::Passed, vec![], src.clone(), ran());
        assert!(d.mistakes.is_empty());
        // A failure with no word of waiting: possible, less likely.
        let d = rank(Verdict::TestFailed, vec![], src.clone(), ran());
        assert!(d.mistakes[0].confidence < 0.6);
        let hung = RunEvidence {
            hung: true,
            ..ran()
        };
        let d = rank(Verdict::TimedOut, vec![], src, hung);
        assert_eq!(d.mistakes[0].id, MistakeId::ChannelNeverClosed);
    }

    #[test]
    fn a_passing_program_hears_only_confident_mistakes() {
        let src = SourceReport {
            candidates: vec![
                cand(MistakeId::SequentialAwaits, EvidenceKind::Source, 0.3, 3),
                cand(MistakeId::UnjoinedTask, EvidenceKind::Source, 0.85, 5),
                cand(MistakeId::BlockingInAsync, EvidenceKind::Source, 0.65, 7),
            ],
            ..SourceReport::default()
        };
        let d = rank(Verdict::Passed, vec![], src, ran());
        let ids: Vec<MistakeId> = d.mistakes.iter().map(|m| m.id).collect();
        assert_eq!(ids, [MistakeId::UnjoinedTask]);
    }

    #[test]
    fn a_blocked_loop_is_explained_by_the_source() {
        let src = SourceReport {
            candidates: vec![cand(MistakeId::CpuHog, EvidenceKind::Source, 0.65, 9)],
            ..SourceReport::default()
        };
        let run = RunEvidence {
            loop_blocked_ms: Some(800),
            ..ran()
        };
        let d = rank(Verdict::TestFailed, vec![], src, run.clone());
        assert_eq!(d.mistakes[0].id, MistakeId::CpuHog);
        let d = rank(Verdict::TestFailed, vec![], SourceReport::default(), run);
        assert_eq!(d.mistakes[0].id, MistakeId::BlockingInAsync);
    }

    #[test]
    fn a_long_stall_confirms_a_weak_suspect_in_a_passing_program() {
        // A loop of unknown size is a weak suspect on its own; a stall seen
        // by the watchdog makes it the story, even though the program passed.
        let src = SourceReport {
            candidates: vec![cand(MistakeId::CpuHog, EvidenceKind::Source, 0.27, 10)],
            ..SourceReport::default()
        };
        let run = RunEvidence {
            loop_blocked_ms: Some(450),
            ..ran()
        };
        let d = rank(Verdict::Passed, vec![], src, run);
        assert_eq!(d.mistakes[0].id, MistakeId::CpuHog);
        assert_eq!(d.mistakes[0].line, 10);
    }

    #[test]
    fn a_stall_explained_by_a_certain_blocking_call_does_not_raise_a_hog() {
        let src = SourceReport {
            candidates: vec![
                cand(MistakeId::BlockingInAsync, EvidenceKind::Source, 0.95, 4),
                cand(MistakeId::CpuHog, EvidenceKind::Source, 0.3, 9),
            ],
            ..SourceReport::default()
        };
        let run = RunEvidence {
            loop_blocked_ms: Some(900),
            starved: true,
            ..ran()
        };
        let d = rank(Verdict::TestFailed, vec![], src.clone(), run.clone());
        let ids: Vec<MistakeId> = d.mistakes.iter().map(|m| m.id).collect();
        assert_eq!(ids, [MistakeId::BlockingInAsync]);
        // Without the certain blocking call, the hog is the suspect.
        let hog_only = SourceReport {
            candidates: vec![cand(MistakeId::CpuHog, EvidenceKind::Source, 0.3, 9)],
            ..src
        };
        let d = rank(Verdict::TestFailed, vec![], hog_only, run);
        assert_eq!(d.mistakes[0].id, MistakeId::CpuHog);
    }

    #[test]
    fn no_plain_fn_advice_for_an_async_fn_that_blocks() {
        let src = SourceReport {
            candidates: vec![cand(
                MistakeId::BlockingInAsync,
                EvidenceKind::Source,
                0.9,
                4,
            )],
            notes: vec![plain_fn_note()],
            parsed: true,
            ..SourceReport::default()
        };
        let d = rank(Verdict::TestFailed, vec![], src.clone(), ran());
        assert_eq!(d.mistakes[0].id, MistakeId::BlockingInAsync);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        let quiet = SourceReport {
            candidates: vec![],
            ..src
        };
        let d = rank(Verdict::Passed, vec![], quiet, ran());
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn style_notes_only_for_a_program_that_passed() {
        // On a failing check the fix may well be an `.await` inside the very
        // fn the note calls a plain fn: a style note would point the wrong way.
        let src = SourceReport {
            notes: vec![plain_fn_note()],
            parsed: true,
            ..SourceReport::default()
        };
        for verdict in [
            Verdict::CompileError,
            Verdict::TestFailed,
            Verdict::Panicked,
            Verdict::TimedOut,
            Verdict::Failed,
            Verdict::WrongOutput,
        ] {
            let d = rank(verdict, vec![], src.clone(), ran());
            assert!(d.notes.is_empty(), "{verdict:?}: {:?}", d.notes);
        }
        let d = rank(Verdict::Passed, vec![], src, ran());
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn a_line_outside_the_tests_is_pointed_at_first() {
        let mut in_tests = cand(MistakeId::BlockingInAsync, EvidenceKind::Source, 0.9, 40);
        in_tests.in_tests = true;
        let outside = cand(MistakeId::BlockingInAsync, EvidenceKind::Source, 0.6, 10);
        let src = |c: Vec<Candidate>| SourceReport {
            candidates: c,
            ..SourceReport::default()
        };
        let d = rank(
            Verdict::TestFailed,
            vec![],
            src(vec![in_tests.clone(), outside]),
            ran(),
        );
        assert_eq!(d.mistakes[0].line, 10);
        assert!(
            !d.mistakes[0].message.contains("line 40"),
            "{}",
            d.mistakes[0].message
        );
        // Alone, the tests' line is still worth telling.
        let d = rank(Verdict::TestFailed, vec![], src(vec![in_tests]), ran());
        assert_eq!(d.mistakes[0].line, 40);
    }

    #[test]
    fn also_on_lines_are_lines_worth_telling_on_their_own() {
        let src = |other: f32| SourceReport {
            candidates: vec![
                cand(MistakeId::CpuHog, EvidenceKind::Source, 0.9, 10),
                cand(MistakeId::CpuHog, EvidenceKind::Source, other, 30),
            ],
            ..SourceReport::default()
        };
        let d = rank(Verdict::TestFailed, vec![], src(0.5), ran());
        assert!(d.mistakes[0].message.contains("also on line 30"));
        let d = rank(Verdict::TestFailed, vec![], src(0.2), ran());
        assert!(
            !d.mistakes[0].message.contains("line 30"),
            "{}",
            d.mistakes[0].message
        );
    }

    #[test]
    fn the_costliest_place_is_pointed_at_first() {
        let src = |a: u64, b: u64| SourceReport {
            candidates: vec![
                cand(MistakeId::SequentialAwaits, EvidenceKind::Source, 0.3, 5).costing(a),
                cand(MistakeId::SequentialAwaits, EvidenceKind::Source, 0.3, 20).costing(b),
            ],
            ..SourceReport::default()
        };
        let run = RunEvidence {
            timing_failure: true,
            ..ran()
        };
        let d = rank(Verdict::TestFailed, vec![], src(50, 4000), run.clone());
        assert_eq!(d.mistakes[0].line, 20);
        assert!(d.mistakes[0].message.contains("also on line 5"));
        let d = rank(Verdict::TestFailed, vec![], src(4000, 50), run);
        assert_eq!(d.mistakes[0].line, 5);
    }

    #[test]
    fn a_long_stall_is_a_mistake_even_when_the_program_passed() {
        let stalled = |ms| RunEvidence {
            loop_blocked_ms: Some(ms),
            ..ran()
        };
        let d = rank(
            Verdict::Passed,
            vec![],
            SourceReport::default(),
            stalled(450),
        );
        assert_eq!(d.mistakes[0].id, MistakeId::BlockingInAsync);
        assert!(
            d.mistakes[0].message.contains("450 ms"),
            "{}",
            d.mistakes[0].message
        );
        let d = rank(
            Verdict::Passed,
            vec![],
            SourceReport::default(),
            stalled(120),
        );
        assert!(
            d.mistakes.is_empty(),
            "a short stall alone is not enough: {:?}",
            d.mistakes
        );
    }

    #[test]
    fn a_timing_failure_names_sequential_awaits() {
        let src = SourceReport {
            candidates: vec![cand(
                MistakeId::SequentialAwaits,
                EvidenceKind::Source,
                0.3,
                3,
            )],
            ..SourceReport::default()
        };
        let run = RunEvidence {
            timing_failure: true,
            ..ran()
        };
        let d = rank(Verdict::TestFailed, vec![], src, run);
        assert_eq!(d.mistakes[0].id, MistakeId::SequentialAwaits);
    }

    #[test]
    fn a_hang_with_no_cause_in_sight_is_still_said() {
        let run = RunEvidence {
            hung: true,
            ..ran()
        };
        let d = rank(Verdict::TimedOut, vec![], SourceReport::default(), run);
        assert_eq!(d.mistakes[0].id, MistakeId::Deadlock);
        assert!(d.mistakes[0].message.contains("did not finish"));
    }
}
