//! The recorder on tokio's paused clock: exact times for waits, and the
//! real time of a poll that blocks added to the timeline's clock. A test
//! binary of its own: the variable must be set before the first record.

use std::panic::Location;
use std::time::Duration;

use serde_json::Value;
use support::recorder::{record, ENV};

fn field(e: &Value, name: &str) -> u64 {
    e[name].as_u64().unwrap_or_else(|| panic!("{name} in {e}"))
}

#[test]
fn waits_are_exact_on_the_paused_clock_and_a_blocking_poll_takes_real_time() {
    let file = std::env::temp_dir().join(format!("recorder-test-{}.jsonl", std::process::id()));
    std::env::set_var(ENV, &file);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    rt.block_on(record(
        async {
            let waiter = tokio::spawn(record(
                async { tokio::time::sleep(Duration::from_millis(300)).await },
                "waiter",
                Location::caller(),
            ));
            tokio::time::sleep(Duration::from_millis(100)).await;
            // Blocks the thread for 50 ms of real time, which the paused
            // clock never sees.
            std::thread::sleep(Duration::from_millis(50));
            waiter.await.unwrap();
        },
        "main",
        Location::caller(),
    ));
    drop(rt);
    let text = std::fs::read_to_string(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    let events: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |task: u64, kind: &str| -> Vec<&Value> {
        events
            .iter()
            .filter(|e| field(e, "task") == task && e["event"] == kind)
            .collect()
    };
    assert_eq!(of(1, "spawn")[0]["label"], "main");
    assert_eq!(of(2, "spawn")[0]["label"], "waiter");
    // main: a first poll at 0, then at 100 ms it blocks for about 50 ms.
    let main_polls = of(1, "poll");
    assert_eq!(field(main_polls[0], "t_us"), 0);
    let blocking = main_polls
        .iter()
        .find(|p| field(p, "real_us") >= 50_000)
        .expect("the blocking poll is recorded");
    assert_eq!(field(blocking, "t_us"), 100_000, "woken exactly at 100 ms");
    // The waiter's 300 ms sleep ends at 300 ms of the paused clock, plus the
    // ~50 ms the blocking poll took in real time.
    let done = field(of(2, "done")[0], "t_us");
    let unseen = done - 300_000;
    assert!((50_000..150_000).contains(&unseen), "{done}");
    assert_eq!(field(of(1, "done")[0], "t_us"), done, "main ends with it");
}
