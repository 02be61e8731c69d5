//! `diagnose` watches the event loop of a program that knows nothing of the
//! course: inside a course, the program's `tokio` is the course's facade
//! (support/facade/tokio), whose `#[tokio::main]` and `#[tokio::test]` start
//! the watchdog first, without a change to the program's source.
//!
//! Each test runs the real binary in this repository (the course) with a
//! target dir of the test run's own, so the outer `cargo test` keeps its lock.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{json, repo, shared_target_dir, stderr, stdout};

/// The start of the watchdog's event line (`{"event":"loop-blocked","ms":N}`).
const WATCHDOG_LINE: &str = "asynclings-event: {\"event\":\"loop-blocked\",\"ms\":";

/// The blocking call is two sync helpers deep, in another module, and its
/// duration is a parameter: the source rules alone are not sure of it. The
/// program fails on its own timing check; what it ran into is only seen by
/// watching its loop.
const HIDDEN_BLOCK: &str = r#"//! Two orders cook at the same time, or so the kitchen thinks.
use std::time::{Duration, Instant};

mod kitchen {
    use std::time::Duration;

    pub fn wait_for_oven(minutes: u64) {
        settle(Duration::from_millis(minutes * 100))
    }

    fn settle(d: Duration) {
        std::thread::sleep(d)
    }
}

async fn cook(order: u32) -> u32 {
    kitchen::wait_for_oven(3);
    tokio::task::yield_now().await;
    order * 2
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let (a, b) = tokio::join!(cook(1), cook(2));
    let took = started.elapsed().as_millis();
    println!("orders {a} and {b} are ready");
    assert!(took < 450, "the 2 orders took {took} ms: they were cooked one after another");
}
"#;

/// A correct program, its tests on every kind of runtime the attributes make.
const CORRECT: &str = r#"use std::time::Duration;

async fn cook(order: u32) -> u32 {
    tokio::time::sleep(Duration::from_millis(100)).await;
    order * 2
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (a, b) = tokio::join!(cook(1), cook(2));
    let extra = tokio::spawn(cook(3)).await?;
    println!("orders {a}, {b} and {extra} are ready");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn cooks_on_the_current_thread() {
        assert_eq!(cook(1).await, 2);
    }

    #[tokio::test(start_paused = true)]
    async fn cooks_on_a_paused_clock() {
        let start = tokio::time::Instant::now();
        let (a, b) = tokio::join!(cook(1), cook(2));
        assert_eq!((a, b), (2, 4));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn cooks_on_many_threads() -> Result<(), tokio::task::JoinError> {
        let order = tokio::spawn(cook(2)).await?;
        assert_eq!(order, 4);
        Ok(())
    }
}
"#;

/// A test whose spawned task blocks the one thread of the test's runtime,
/// through helpers again.
const BLOCKING_TEST: &str = r#"use std::time::Duration;

mod bar {
    use std::time::Duration;

    pub fn press_juice(glasses: u64) {
        rest(Duration::from_millis(glasses * 100))
    }

    fn rest(d: Duration) {
        std::thread::sleep(d)
    }
}

async fn serve(tick: tokio::sync::mpsc::Sender<u32>) {
    for n in 0..5 {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let _ = tick.send(n).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_waiter_keeps_serving() {
        let (tx, mut rx) = tokio::sync::mpsc::channel(8);
        tokio::spawn(serve(tx));
        let juice = tokio::spawn(async { bar::press_juice(3) });
        let start = std::time::Instant::now();
        let mut served = 0;
        while rx.recv().await.is_some() {
            served += 1;
        }
        juice.await.unwrap();
        let took = start.elapsed().as_millis();
        assert_eq!(served, 5);
        assert!(took < 250, "serving 5 tables took {took} ms: the waiter stood still");
    }
}
"#;

/// A runtime built by hand: no attribute to rewrite, so nothing watches the
/// loop, and the diagnosis has the source to go on.
const BY_HAND: &str = r#"use std::time::Duration;

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let order = tokio::spawn(async { 7 });
        std::thread::sleep(Duration::from_millis(300));
        println!("order {} is ready", order.await.unwrap());
    });
}
"#;

struct Diagnosed {
    json: serde_json::Value,
    /// What the built `main` prints on stderr when run again by hand.
    main_stderr: Option<String>,
    output: Output,
}

/// Writes `source` as `<stem>.rs` and diagnoses it with the real binary, in
/// this repository's course.
fn diagnose(stem: &str, source: &str) -> Diagnosed {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{stem}.rs"));
    std::fs::write(&file, source).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_asynclings"))
        .arg("--course")
        .arg(repo())
        .args(["diagnose", "--json", "--timeout-secs", "20"])
        .arg(&file)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .output()
        .unwrap();
    let json = json(&output);
    let bin = built_main(stem);
    let main_stderr = bin
        .is_file()
        .then(|| stderr(&Command::new(&bin).output().unwrap()));
    Diagnosed {
        json,
        main_stderr,
        output,
    }
}

fn built_main(stem: &str) -> PathBuf {
    shared_target_dir().join("debug").join(stem)
}

fn first_mistake(d: &Diagnosed) -> &str {
    d.json["mistakes"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no mistake named: {}", d.json))
}

fn show(d: &Diagnosed) -> String {
    format!(
        "{}\nstderr of diagnose:\n{}",
        serde_json::to_string_pretty(&d.json).unwrap(),
        stderr(&d.output)
    )
}

#[test]
fn the_scratch_package_builds_against_the_facade() {
    let facade = repo().join("support/facade/tokio");
    assert!(
        facade.join("Cargo.toml").is_file(),
        "the course ships its tokio facade"
    );
    let d = diagnose("facade_manifest_probe", CORRECT);
    assert_eq!(d.json["verdict"], "passed", "{}", show(&d));
    let scratch = newest_scratch_package("facade_manifest_probe");
    let manifest = std::fs::read_to_string(scratch.join("Cargo.toml")).unwrap();
    let manifest: toml::Value = toml::from_str(&manifest).unwrap();
    let tokio = &manifest["dependencies"]["tokio"];
    assert_eq!(tokio["package"].as_str(), Some("asynclings-tokio-facade"));
    assert_eq!(Path::new(tokio["path"].as_str().unwrap()), facade);
}

/// The scratch package diagnose made last for `<stem>.rs`: there is one
/// per file, `<stem>-<hash of the file's path>`.
fn newest_scratch_package(stem: &str) -> PathBuf {
    let prefix = format!("{stem}-");
    std::fs::read_dir(shared_target_dir().join("asynclings-scratch"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix) && e.path().is_dir())
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .expect("diagnose made a scratch package")
        .path()
}

/// The first mistake is a blocked loop, and its evidence is the run's: the
/// watchdog saw the loop stand still, and said so in an event.
fn assert_stall_is_named_from_the_run(d: &Diagnosed) {
    let events = d.json["events"].as_array().expect("events");
    assert!(
        events
            .iter()
            .any(|e| e["event"] == "loop-blocked" && e["ms"].as_u64() > Some(100)),
        "{}",
        show(d)
    );
    let id = first_mistake(d);
    assert!(
        id == "blocking-in-async" || id == "cpu-hog",
        "first mistake {id}: {}",
        show(d)
    );
    let message = d.json["mistakes"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("event loop was blocked for at least"),
        "{}",
        show(d)
    );
}

#[test]
fn a_loop_blocked_behind_helpers_is_seen_at_run_time() {
    let d = diagnose("facade_hidden_block", HIDDEN_BLOCK);
    assert_eq!(d.json["verdict"], "panicked", "{}", show(&d));
    assert_stall_is_named_from_the_run(&d);
    let main_stderr = d.main_stderr.as_deref().expect("main was built");
    assert!(main_stderr.contains(WATCHDOG_LINE), "{main_stderr}");
}

/// The tests of CORRECT, one per kind of runtime.
const CORRECT_TESTS: [&str; 3] = [
    "tests::cooks_on_the_current_thread",
    "tests::cooks_on_a_paused_clock",
    "tests::cooks_on_many_threads",
];

/// Runs one test of the program diagnose built for `<stem>.rs`, by hand as
/// its main is run: cargo, in its scratch package, finds the build fresh.
fn run_built_test(stem: &str, test: &str) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "-q", "--bin", stem, "--", "--exact", test])
        .current_dir(newest_scratch_package(stem))
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains("test result: ok. 1 passed"),
        "{test} did not run and pass:\n{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    output
}

#[test]
fn a_correct_program_is_quiet_on_every_runtime() {
    let d = diagnose("facade_correct", CORRECT);
    assert_eq!(d.json["verdict"], "passed", "{}", show(&d));
    assert_eq!(d.json["mistakes"], serde_json::json!([]), "{}", show(&d));
    assert_eq!(d.json["events"], serde_json::json!([]), "{}", show(&d));
    let main_stderr = d.main_stderr.as_deref().expect("main was built");
    assert!(!main_stderr.contains(WATCHDOG_LINE), "{main_stderr}");
    // Its tests too, each on its runtime. (diagnose's own stderr never has
    // the program's: it cannot tell.)
    for test in CORRECT_TESTS {
        let tests_stderr = stderr(&run_built_test("facade_correct", test));
        assert!(
            !tests_stderr.contains(WATCHDOG_LINE),
            "{test}: {tests_stderr}"
        );
    }
}

/// The quiet above is the watchdog's: the same tests, each blocking its
/// loop first, are each reported.
#[test]
fn a_blocked_loop_is_reported_on_every_test_runtime() {
    let mut blocking = String::new();
    for line in CORRECT.lines() {
        blocking.push_str(line);
        blocking.push('\n');
        if line.starts_with("    async fn cooks_") {
            blocking.push_str("        std::thread::sleep(Duration::from_millis(300));\n");
        }
    }
    assert_eq!(
        blocking.matches("thread::sleep").count(),
        CORRECT_TESTS.len()
    );
    let d = diagnose("facade_blocked_everywhere", &blocking);
    assert_ne!(d.json["verdict"], "compile-error", "{}", show(&d));
    for test in CORRECT_TESTS {
        let tests_stderr = stderr(&run_built_test("facade_blocked_everywhere", test));
        assert!(
            tests_stderr.contains(WATCHDOG_LINE),
            "{test}: {tests_stderr}"
        );
    }
}

#[test]
fn a_blocked_test_runtime_is_seen_even_when_the_harness_captures_output() {
    let d = diagnose("facade_blocking_test", BLOCKING_TEST);
    assert_eq!(d.json["verdict"], "test-failed", "{}", show(&d));
    assert_stall_is_named_from_the_run(&d);
}

#[test]
fn a_runtime_built_by_hand_falls_back_on_the_source() {
    let d = diagnose("facade_by_hand", BY_HAND);
    assert_eq!(first_mistake(&d), "blocking-in-async", "{}", show(&d));
    let main_stderr = d.main_stderr.as_deref().expect("main was built");
    assert!(
        !main_stderr.contains(WATCHDOG_LINE),
        "nothing watches a hand-built runtime: {main_stderr}"
    );
}
