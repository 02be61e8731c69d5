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

/// A program that hangs: its router waits on an inbox whose sender `main`
/// keeps. Stopped at its limit, the timeline says where the router waits,
/// from tokio's task dump (Linux).
#[cfg(target_os = "linux")]
#[test]
fn a_hung_program_says_where_each_task_waits() {
    let course = Course::copy();
    course.write(
        "router_hang.rs",
        r#"use tokio::sync::mpsc;

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
"#,
    );
    let out = course.run(&["timeline", "router_hang.rs", "--width", "100"]);
    let text = stdout(&out);
    assert!(text.contains("it did not finish"), "{text}");
    assert!(
        text.contains("task `router` (line 14) waits at line 5 on `Receiver::recv`"),
        "{text}"
    );
    assert!(text.contains("task `main` (line 11)"), "{text}");
}
