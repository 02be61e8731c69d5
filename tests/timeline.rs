//! `asynclings timeline` on a real exercise, shipped and solved: the
//! shipped p1_tables holds the loop's thread for its three 300 ms waits;
//! solved, its one task waits 300 ms and barely runs.

mod common;

use common::{stdout, Course};

/// The rows of the picture: lines that start with a task's name.
fn rows<'a>(text: &'a str, task: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(task)).collect()
}

#[test]
fn p1_tables_shipped_blocks_the_loop_and_solved_overlaps() {
    let course = Course::copy();
    let svg = course.path("tables.svg");
    let shipped = course.run(&[
        "timeline",
        "p1_tables",
        "--width",
        "80",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    let text = stdout(&shipped);
    assert!(shipped.status.success(), "{text}");
    let main = rows(&text, "main");
    assert_eq!(main.len(), 1, "{text}");
    assert!(main[0].contains("XXXX") && !main[0].contains('-'), "{text}");
    assert!(text.contains("held the thread for 9"), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "wider than 80: {line}");
    }
    let picture = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&picture).expect("the SVG is XML");
    let tasks = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("task"))
        .count();
    assert_eq!(tasks, 1);

    course.write(
        "exercises/01_why_async/p1_tables.rs",
        &course.read("solutions/01_why_async/p1_tables.rs"),
    );
    let solved = course.run(&["timeline", "p1_tables", "--width", "80"]);
    let text = stdout(&solved);
    let main = rows(&text, "main");
    assert_eq!(main.len(), 1, "{text}");
    assert!(!main[0].contains('X') && main[0].contains("----"), "{text}");
    assert!(!text.contains("held the thread"), "{text}");
    assert!(text.contains("waiting"), "{text}");
}

/// Tasks from `tokio::spawn` and a `JoinSet` are rows of their own, named
/// by their async fn; a program that does not compile says so.
#[test]
fn spawned_tasks_are_rows_and_a_broken_file_is_told() {
    let course = Course::copy();
    course.write(
        "tasks.rs",
        r#"
use std::time::Duration;
async fn cook(ms: u64) -> u64 { tokio::time::sleep(Duration::from_millis(ms)).await; ms }
#[tokio::main]
async fn main() {
    let soup = tokio::spawn(cook(200));
    let mut set = tokio::task::JoinSet::new();
    set.spawn(cook(100));
    set.spawn(cook(100));
    while let Some(done) = set.join_next().await { done.unwrap(); }
    soup.await.unwrap();
}
"#,
    );
    let out = course.run(&["timeline", "tasks.rs", "--width", "100"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert_eq!(rows(&text, "main").len(), 1, "{text}");
    assert_eq!(rows(&text, "cook").len(), 3, "{text}");
    assert!(text.contains("4 tasks"), "{text}");

    course.write("broken.rs", "fn main() { let x: u32 = \"no\"; }");
    let out = course.run(&["timeline", "broken.rs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("does not compile"),
        "{}",
        common::stderr(&out)
    );
}

/// A router waiting on an inbox whose sender `main` keeps.
#[cfg(target_os = "linux")] // for the early-stop tests below (Linux only)
const ROUTER_HANG: &str = r#"use tokio::sync::mpsc;

async fn router(mut inbox: mpsc::Receiver<u32>) -> u32 {
    let mut total = 0;
    while let Some(m) = inbox.recv().await {
        total += m;
    }
    total
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(4);
    let router = tokio::spawn(router(rx));
    for m in 1..=3 {
        tx.send(m).await.unwrap();
    }
    println!("total: {}", router.await.unwrap());
}
"#;

/// Two transfers that lock two accounts in opposite orders.
#[cfg(target_os = "linux")] // for the early-stop tests below (Linux only)
const LOCK_CYCLE: &str = r#"use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::{sleep, Duration};

async fn transfer(from: Arc<Mutex<u32>>, to: Arc<Mutex<u32>>) {
    let mut a = from.lock().await;
    sleep(Duration::from_millis(10)).await;
    let mut b = to.lock().await;
    *a -= 1;
    *b += 1;
}

#[tokio::main]
async fn main() {
    let x = Arc::new(Mutex::new(10));
    let y = Arc::new(Mutex::new(10));
    let one = tokio::spawn(transfer(x.clone(), y.clone()));
    let two = tokio::spawn(transfer(y.clone(), x.clone()));
    one.await.unwrap();
    two.await.unwrap();
    println!("{} {}", x.lock().await, y.lock().await);
}
"#;

/// The seconds in "stopped after 2.3 s".
#[cfg(target_os = "linux")] // for the early-stop tests below (Linux only)
fn stopped_after(text: &str) -> f64 {
    let (_, rest) = text
        .split_once("so it was stopped after ")
        .unwrap_or_else(|| panic!("no early stop in:\n{text}"));
    rest.split(' ').next().unwrap().parse().unwrap()
}

/// A program that hangs is stopped as soon as no task can go on and
/// nothing could wake one (well before its 10 s limit), and the timeline
/// says where each task waits, from tokio's task dump (Linux).
#[cfg(target_os = "linux")]
#[test]
fn a_hung_program_is_stopped_early_and_says_where_each_task_waits() {
    let course = Course::copy();
    course.write("router_hang.rs", ROUTER_HANG);
    let out = course.run(&["timeline", "router_hang.rs", "--width", "100"]);
    let text = stdout(&out);
    let stopped = stopped_after(&text);
    // About 2 s; a loaded machine may take longer, never the whole 10 s.
    assert!((1.0..8.0).contains(&stopped), "{stopped} s\n{text}");
    assert!(
        text.contains("task `router` (line 14) waits at line 5 on `Receiver::recv`"),
        "{text}"
    );
    // `main` is no spawned task: tokio's dump does not see it.
    assert!(text.contains("task `main` (line 11) last ran at"), "{text}");
}

/// `diagnose --timeline` reads where the tasks of a stuck program wait (a
/// lock cycle; a channel nobody sends on) as evidence, and names the
/// mistake they show.
#[cfg(target_os = "linux")]
#[test]
fn the_diagnosis_reads_where_stuck_tasks_wait() {
    let course = Course::copy();
    for (file, text, named, waits) in [
        ("lock_cycle.rs", LOCK_CYCLE, "deadlock", (8, "Mutex::lock")),
        (
            "router_hang.rs",
            ROUTER_HANG,
            "channel-never-closed",
            (5, "Receiver::recv"),
        ),
    ] {
        course.write(file, text);
        let out = course.run(&[
            "diagnose",
            file,
            "--timeline",
            "--json",
            // Room for the early stop (about 2 s) on a loaded machine.
            "--timeout-secs",
            "8",
        ]);
        let text = stdout(&out);
        let report: serde_json::Value =
            serde_json::from_str(text.lines().next().unwrap_or_default()).expect(&text);
        assert_eq!(report["mistakes"][0]["id"], named, "{text}");
        let seen: Vec<(u64, &str)> = report["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["event"] == "task-waits")
            .map(|e| (e["waits_line"].as_u64().unwrap(), e["on"].as_str().unwrap()))
            .collect();
        assert!(seen.contains(&waits), "{seen:?}\n{text}");
        assert_eq!(out.status.code(), Some(1), "{text}");
    }
}

/// A future of the program's own that answers `Pending` without keeping
/// the waker: when tokio's task dump polls it, it is ready. The timeline
/// says the wake-up was lost.
#[cfg(target_os = "linux")]
#[test]
fn a_task_ready_but_never_woken_is_told_as_a_lost_wake_up() {
    let course = Course::copy();
    course.write(
        "flag.rs",
        r#"use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

#[derive(Clone, Default)]
struct Flag(Arc<Mutex<bool>>);

struct WaitFor(Flag);

impl Future for WaitFor {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if *self.0 .0.lock().unwrap() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

#[tokio::main]
async fn main() {
    let flag = Flag::default();
    let waiter = tokio::spawn(WaitFor(flag.clone()));
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    *flag.0.lock().unwrap() = true;
    waiter.await.unwrap();
}
"#,
    );
    let out = course.run(&["timeline", "flag.rs", "--width", "100"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "it finished only because tokio's task dump polled a task that nothing had woken"
        ),
        "{text}"
    );
    assert!(
        text.contains("task `task` (line 25) could have gone on, but nothing woke it"),
        "{text}"
    );
    assert!(!text.contains("task `main` (line 22) could have"), "{text}");
}
