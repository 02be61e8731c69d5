//! Names the classic async mistake behind a failing (or silently wrong) program.
//!
//! A pure API: [`Evidence`] in (the program's source, the compiler's
//! messages, what happened when it ran), a [`Diagnosis`] out (the ranked
//! mistakes, and style notes). No cargo, no processes, nothing of the runner,
//! so every rule is unit-tested on small hand-made evidence. Three kinds of
//! evidence each have a module of their own, and one module weighs them
//! against each other:
//!
//! - `compiler`: the compiler's diagnostics (codes, messages, children);
//! - `source`: the source parsed with `syn` (never grepped): which calls sit
//!   inside async code, which guards live across `.await`, which futures and
//!   tasks are dropped, ... One walk over the file, and one rule per mistake
//!   family behind one plug-in point (`source/rules/mod.rs`);
//! - `runtime`: what happened when it ran: panic texts (also when they point
//!   into tokio's own source), a timeout, test failure messages, and the
//!   events the program reported (the watchdog's blocked event loop, the
//!   support library's failed timing assertions);
//! - `ranking`: merges the candidates, weighs them by the verdict, and keeps
//!   what is worth telling, most likely first.
//!
//! Every finding names a [`MistakeId`] of the [`catalogue`], and the
//! catalogue routes that fit what was seen; style observations go to
//! `notes`, are never the reason for a failure, and are told only when the
//! program passed.

mod candidate;
pub mod catalogue;
mod compiler;
mod evidence;
mod finding;
mod ranking;
mod runtime;
mod source;
mod stuck;
#[cfg(test)]
mod testing;

pub use catalogue::{Mistake, MistakeId, Route, Routes, UnknownMistake};
pub use evidence::{
    is_event_line, CompilerMessage, Event, Evidence, Mode, RunReport, TestResult, Verdict,
    EVENT_PREFIX,
};
pub use finding::{Finding, NoteId};

/// The ranked findings of one diagnosis.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Diagnosis {
    /// Catalogue mistakes, most likely first.
    pub mistakes: Vec<Finding>,
    /// Style observations (such as `async-fn-without-await`); never the
    /// reason for a failure, and told only for a program that passed (on a
    /// failing check a style note can contradict the fix, such as "this
    /// async fn could be a plain fn" where the fix is an `.await` in it).
    pub notes: Vec<Finding<NoteId>>,
}

/// Looks at everything one check learned about a program.
pub fn diagnose(evidence: &Evidence) -> Diagnosis {
    let from_source = source::analyze(evidence.source);
    let mut from_compiler = compiler::candidates(evidence.diagnostics);
    compiler::fit_routes(&mut from_compiler, &from_source.spawns);
    let from_run = runtime::evidence(evidence);
    ranking::rank(evidence.verdict, from_compiler, from_source, from_run)
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn a_correct_program_gets_no_mistake() {
        let src = r#"
            #[tokio::main]
            async fn main() {
                let a = tokio::spawn(async { 1 });
                println!("{}", a.await.unwrap());
            }
        "#;
        let d = ran(Verdict::Passed, "").diagnose(src);
        assert!(d.mistakes.is_empty(), "{:?}", d.mistakes);
    }

    fn timing_failed() -> Check {
        let mut o = ran(Verdict::TestFailed, "");
        o.tests.push(TestResult {
            name: "tests::the_evening".into(),
            passed: false,
            message: Some("the 6 tables took 4200 ms: they were served one after another".into()),
        });
        o
    }

    /// Of several places that show one mistake, the costliest comes first:
    /// the loop that serves six tables one after another (seconds), not
    /// the two waits of one table (350 ms).
    #[test]
    fn the_costliest_place_of_a_mistake_is_pointed_at_first() {
        let src = r#"use std::time::Duration;
use tokio::time::sleep;
async fn bring_coffee() { sleep(Duration::from_millis(50)).await; }
async fn wipe_table() { sleep(Duration::from_millis(300)).await; }
async fn serve(table: u32) {
    bring_coffee().await;
    wipe_table().await;
    println!("{table}");
}
async fn evening(tables: u32) {
    for table in 1..=tables {
        serve(table).await;
    }
}
#[tokio::main]
async fn main() { evening(6).await; }
"#;
        let d = timing_failed().diagnose(src);
        assert_eq!(d.mistakes[0].id, MistakeId::SequentialAwaits);
        assert_eq!(d.mistakes[0].line, 12, "{:?}", d.mistakes[0]);
        // A loop of two coffees costs less than the two waits of a table.
        let coffees = src
            .replace("for table in 1..=tables", "for table in 0..2")
            .replace("serve(table).await", "bring_coffee().await");
        let d = timing_failed().diagnose(&coffees);
        assert_eq!(d.mistakes[0].line, 7, "{:?}", d.mistakes[0]);
    }

    /// The tests are the course's (or the program's own checks): a line
    /// outside them that shows the mistake is where to look first.
    #[test]
    fn the_first_pointer_is_outside_the_tests_module() {
        let src = r#"async fn load() -> String {
    std::fs::read_to_string("menu.txt").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn loads() {
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(super::load().await.is_empty());
    }
}
"#;
        let d = ran(Verdict::TestFailed, "").diagnose(src);
        let top = &d.mistakes[0];
        assert_eq!((top.id, top.line), (MistakeId::BlockingInAsync, 2));
        assert!(!top.message.contains("line 9"), "{}", top.message);
        // With nothing outside the tests, the tests' line is still told.
        let only_tests = src.replace(
            "std::fs::read_to_string(\"menu.txt\").unwrap_or_default()",
            "String::new()",
        );
        let d = ran(Verdict::TestFailed, "").diagnose(&only_tests);
        assert_eq!(d.mistakes[0].line, 9);
    }

    #[test]
    fn style_notes_stay_quiet_on_a_failing_check() {
        // The fix is an `.await` inside `waiter`; "it could be a plain fn"
        // would point the other way.
        let src = r#"
            async fn waiter(name: &str) {
                for table in 1..=3 { println!("{name} serves {table}"); }
            }
            #[tokio::main(flavor = "current_thread")]
            async fn main() {
                let a = tokio::spawn(waiter("Ann"));
                a.await.unwrap();
            }
        "#;
        let d = ran(Verdict::WrongOutput, "").diagnose(src);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        let d = ran(Verdict::Passed, "").diagnose(src);
        assert_eq!(d.notes[0].id, NoteId::AsyncFnWithoutAwait);
    }

    /// The compiler points at the borrow (`let r = &data;`), the source
    /// tells what is spawned with it: a closure needs `move ||`.
    #[test]
    fn a_borrow_for_a_spawned_closure_is_told_move_closure() {
        let src = r#"#[tokio::main]
async fn main() {
    let data = vec![1, 2, 3];
    let r = &data;
    let h = std::thread::spawn(move || println!("{:?}", r));
    h.join().unwrap();
    let names = vec!["a".to_string()];
    let first = &names[0];
    let t = tokio::spawn(async move { println!("{first}") });
    t.await.unwrap();
}
"#;
        let borrow = |name: &str, line| {
            let mut m = message(
                "error",
                Some("E0597"),
                &format!("`{name}` does not live long enough"),
                &[&format!(
                    "argument requires that `{name}` is borrowed for `'static`"
                )],
            );
            m.line = Some(line);
            let mut o = outcome(Verdict::CompileError);
            o.diagnostics.push(m);
            o.diagnose(src)
        };
        let d = borrow("data", 4);
        let top = &d.mistakes[0];
        assert_eq!(top.id, MistakeId::BorrowInSpawn);
        assert!(top.message.contains("`move ||`"), "{}", top.message);
        assert!(!top.message.contains("`async move`"), "{}", top.message);
        let d = borrow("names", 8);
        let top = &d.mistakes[0];
        assert!(top.message.contains("`async move`"), "{}", top.message);
        assert!(!top.message.contains("`move ||`"), "{}", top.message);
    }

    /// `join!(a().await, b().await)`: the compiler says "`u32` is not a
    /// future", many times over; the story is the awaits that run first.
    #[test]
    fn awaits_inside_join_are_named_not_left_to_the_compiler() {
        let src = r#"async fn soup() -> u32 { 5 }
async fn bread() -> u32 { 2 }
#[tokio::main]
async fn main() {
    let (a, b) = tokio::join!(soup().await, bread().await);
    println!("{}", a + b);
}
"#;
        let mut o = outcome(Verdict::CompileError);
        for _ in 0..5 {
            let mut m = message("error", Some("E0277"), "`u32` is not a future", &[]);
            m.line = Some(5);
            o.diagnostics.push(m);
        }
        let d = o.diagnose(src);
        let top = &d.mistakes[0];
        assert_eq!((top.id, top.line), (MistakeId::SequentialAwaits, 5));
        assert!(
            top.message.contains("pass the futures themselves"),
            "{}",
            top.message
        );
        assert!(top.message.contains("tokio::join!"), "{}", top.message);
        assert!(!top.message.contains("join_all"), "{}", top.message);
    }

    /// E0728 in a closure inside an async fn: "make the enclosing function
    /// async" would point the wrong way (it is async already).
    #[test]
    fn await_in_a_closure_is_told_to_return_a_future() {
        let src = r#"async fn count(item: &str) -> usize { item.len() }
async fn count_all(items: &[&str]) -> Vec<usize> {
    items.iter().map(|item| count(item).await).collect()
}
"#;
        let mut m = message(
            "error",
            Some("E0728"),
            "`await` is only allowed inside `async` functions and blocks",
            &[],
        );
        m.line = Some(3);
        let mut o = outcome(Verdict::CompileError);
        o.diagnostics.push(m);
        let d = o.diagnose(src);
        let top = &d.mistakes[0];
        assert_eq!(top.id, MistakeId::AwaitOutsideAsync);
        assert!(top.message.contains("async move"), "{}", top.message);
        assert!(
            !top.message.contains("Make the enclosing function"),
            "{}",
            top.message
        );
    }

    /// A test that spawns a task which panics on purpose, and checks that
    /// the panic is told (its `JoinError` matched, `is_panic()`), then fails
    /// on something else: the task's panic in the run is no ignored panic.
    #[test]
    fn a_task_panic_the_source_handles_is_not_an_ignored_one() {
        let src = r#"async fn price(order: &str) -> u32 {
    order.parse().expect("an order must be a number")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_bad_order_is_reported() {
        let handle = tokio::spawn(price("oops"));
        match handle.await {
            Ok(p) => panic!("priced a bad order at {p}"),
            Err(e) => assert!(e.is_panic(), "the task failed another way: {e}"),
        }
        assert_eq!(price("12").await, 13, "the total is wrong");
    }
}
"#;
        let stderr = "thread 'tokio-runtime-worker' (7) panicked at src/main.rs:2:20:\nan order must be a number: ParseIntError { kind: InvalidDigit }\n";
        let mut o = ran(Verdict::TestFailed, stderr);
        o.tests.push(TestResult {
            name: "tests::a_bad_order_is_reported".into(),
            passed: false,
            message: Some("assertion `left == right` failed: the total is wrong".into()),
        });
        let d = o.diagnose(src);
        assert!(
            d.mistakes
                .iter()
                .all(|m| m.id != MistakeId::IgnoredTaskPanic),
            "{:?}",
            d.mistakes
        );
        // The same run, where the source throws the result away, is one.
        let thrown = src.replace(
            "match handle.await {\n            Ok(p) => panic!(\"priced a bad order at {p}\"),\n            Err(e) => assert!(e.is_panic(), \"the task failed another way: {e}\"),\n        }",
            "let _ = handle.await;",
        );
        assert_ne!(thrown, src);
        let d = o.diagnose(&thrown);
        assert_eq!(
            d.mistakes[0].id,
            MistakeId::IgnoredTaskPanic,
            "{:?}",
            d.mistakes
        );
    }

    #[test]
    fn findings_carry_the_catalogue_words() {
        let src = "#[tokio::main]\nasync fn main() {\n    std::thread::sleep(std::time::Duration::from_millis(10));\n}\n";
        let d = ran(Verdict::Passed, "").diagnose(src);
        let top = &d.mistakes[0];
        assert_eq!(top.id, MistakeId::BlockingInAsync);
        assert_eq!(top.line, 3);
        // The catalogue's words, and only the route that fits a sleep.
        assert!(
            top.message.contains("The loop's thread is the waiter"),
            "{}",
            top.message
        );
        assert!(
            top.message.contains("tokio::time::sleep"),
            "{}",
            top.message
        );
        assert!(!top.message.contains("spawn_blocking"), "{}", top.message);
    }

    /// A hang while a sync method spins on `try_recv` with
    /// `std::thread::yield_now()`: the program is stuck in a busy loop
    /// (cpu-hog at the loop), not waiting with nothing ready (deadlock).
    #[test]
    fn a_hang_in_a_spinning_loop_is_no_deadlock() {
        let src = r#"use tokio::sync::mpsc;
struct Waiter { rx: mpsc::Receiver<u32> }
impl Waiter {
    fn next(&mut self) -> u32 {
        loop {
            if let Ok(v) = self.rx.try_recv() { return v; }
            std::thread::yield_now();
        }
    }
}
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = mpsc::channel(1);
    let mut w = Waiter { rx };
    tokio::spawn(async move { tx.send(5).await.unwrap(); });
    println!("{}", w.next());
}
"#;
        let d = ran(Verdict::TimedOut, "").diagnose(src);
        let top = &d.mistakes[0];
        assert_eq!(
            (top.id, top.line),
            (MistakeId::CpuHog, 5),
            "{:?}",
            d.mistakes
        );
        assert!(d.mistakes.iter().all(|m| m.id != MistakeId::Deadlock));
        // A run that ended says nothing of a loop it never stuck in.
        let d = ran(Verdict::Passed, "").diagnose(src);
        assert!(d.mistakes.is_empty(), "{:?}", d.mistakes);
    }
}
