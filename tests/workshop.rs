//! A workshop's room: `jump` moves a learner to a phase or an exercise,
//! and `progress --json --learner` is the record the instructor collects
//! (checks, hints and the last pass of each exercise).

mod common;

use std::time::{Duration, SystemTime};

#[cfg(unix)]
use common::pty::Pty;
use common::{json, stderr, stdout, Course};

/// `list --json`'s exercises.
fn exercises(course: &Course) -> Vec<serde_json::Value> {
    json(&course.run(&["list", "--json"]))["exercises"]
        .as_array()
        .unwrap()
        .clone()
}

fn record(course: &Course, learner: &str) -> serde_json::Value {
    let output = course.run(&["progress", "--json", "--learner", learner]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 1, "one line a record");
    json(&output)
}

#[test]
fn jump_to_a_phase_starts_there_and_earlier_exercises_stay_to_do() {
    let course = Course::copy();
    let all = exercises(&course);
    let first_of_3 = all.iter().position(|e| e["phase"] == 3).unwrap();

    let output = course.run(&["jump", "3"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(all[first_of_3]["name"].as_str().unwrap()),
        "{}",
        stdout(&output)
    );
    let all = exercises(&course);
    assert_eq!(all[first_of_3]["state"], "current");
    for e in &all[..first_of_3] {
        assert_eq!(
            (&e["state"], &e["done"], &e["skipped"]),
            (&"pending".into(), &false.into(), &true.into()),
            "{e}"
        );
    }
    assert_eq!(all[first_of_3 + 1]["skipped"], false);
    let list = stdout(&course.run(&["list"]));
    let first = all[0]["name"].as_str().unwrap();
    assert!(
        list.lines()
            .any(|l| l.contains("skipped") && l.contains(first)),
        "{list}"
    );

    let progress = json(&course.run(&["progress", "--json"]));
    assert_eq!(progress["done"], 0);
    assert_eq!(progress["current"], all[first_of_3]["name"]);
    assert_eq!(
        progress["phases"][0]["skipped"],
        progress["phases"][0]["total"]
    );
    assert_eq!(progress["phases"][2]["skipped"], 0);
    let text = stdout(&course.run(&["progress"]));
    assert!(text.contains("skipped)"), "{text}");
}

#[test]
fn jump_to_a_name_and_a_phase_whose_first_exercise_is_done() {
    let course = Course::copy();
    let all = exercises(&course);
    let in_3: Vec<&str> = all
        .iter()
        .filter(|e| e["phase"] == 3)
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    course.write(
        ".asynclings-progress.toml",
        &format!("format_version = 1\ndone = [\"{}\"]\n", in_3[0]),
    );
    let output = course.run(&["jump", in_3[4]]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        json(&course.run(&["progress", "--json"]))["current"],
        in_3[4]
    );

    // A phase starts at its first exercise not done.
    course.run(&["jump", "3"]);
    assert_eq!(
        json(&course.run(&["progress", "--json"]))["current"],
        in_3[1]
    );
    // Nothing was marked done on the way.
    assert_eq!(json(&course.run(&["progress", "--json"]))["done"], 1);
}

#[test]
fn an_unknown_phase_or_name_is_an_error_that_lists_what_exists() {
    let course = Course::copy();
    let all = exercises(&course);
    let before = course.run(&["progress", "--json"]).stdout;

    let output = course.run(&["jump", "9"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(error.contains("there is no phase 9"), "{error}");
    for title in ["Why async exists", "The event loop", "Beyond the model"] {
        assert!(error.contains(title), "{error}");
    }

    let output = course.run(&["jump", "p3_chanel"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(error.contains("no exercise named `p3_chanel`"), "{error}");
    for e in &all {
        assert!(error.contains(e["name"].as_str().unwrap()), "{error}");
    }
    assert_eq!(course.run(&["progress", "--json"]).stdout, before);
}

#[test]
fn without_learner_progress_json_is_as_before() {
    let course = Course::copy();
    let progress = json(&course.run(&["progress", "--json"]));
    let mut keys: Vec<&String> = progress.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["current", "done", "phases", "schema", "total"]);
    let output = course.run(&["progress", "--learner", "Ada"]);
    assert_eq!(output.status.code(), Some(2), "--learner needs --json");
}

/// Two failing runs, a hint, then a pass: the record counts three checks
/// and one hint, and has the pass's time.
#[test]
fn the_learner_record_counts_checks_hints_and_the_last_pass() {
    let course = Course::copy();
    let all = exercises(&course);
    let (name, path) = (
        all[2]["name"].as_str().unwrap(),
        all[2]["path"].as_str().unwrap(),
    );
    assert_eq!(course.run(&["jump", name]).status.code(), Some(0));

    let fresh = record(&course, " Ada ");
    assert_eq!(fresh["learner"], "Ada");
    assert_eq!(fresh["last_pass"], serde_json::Value::Null);
    assert_eq!(fresh["checks"], serde_json::json!({}));

    for _ in 0..2 {
        assert_eq!(course.run(&["run"]).status.code(), Some(1));
    }
    assert_eq!(course.run(&["hint"]).status.code(), Some(0));
    std::fs::copy(
        course.path(&path.replacen("exercises/", "solutions/", 1)),
        course.path(path),
    )
    .unwrap();
    let run = course.run(&["run"]);
    assert_eq!(run.status.code(), Some(0), "{}", stdout(&run));

    let record = record(&course, "Ada");
    assert_eq!(record["schema"], 1);
    assert_eq!(record["course"], "Why async exists");
    assert_eq!(
        (&record["done"], &record["total"]),
        (&1.into(), &all.len().into())
    );
    assert_eq!(record["current"], all[3]["name"]);
    assert_eq!(record["current_phase"], all[3]["phase"]);
    assert_eq!(record["checks"], serde_json::json!({ name: 3 }));
    assert_eq!(record["hints"], serde_json::json!({ name: 1 }));
    assert_eq!(record["phases"][0]["done"], 1);
    assert_eq!(record["phases"][0]["skipped"], 2);
    let passed = record["last_pass"].as_str().unwrap();
    let at = humantime::parse_rfc3339(passed).unwrap();
    let age = SystemTime::now().duration_since(at).unwrap();
    assert!(age < Duration::from_secs(300), "{passed}");
    assert!(
        course.read(".asynclings-progress.toml").contains(passed),
        "kept in the progress file"
    );

    let output = course.run(&["progress", "--json", "--learner", "  "]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--learner Ada"),
        "{}",
        stderr(&output)
    );
}

/// Each check in watch mode counts too.
#[cfg(unix)] // watch mode is driven in a Unix pseudo-terminal
#[test]
fn a_check_in_watch_mode_is_counted() {
    let course = Course::copy();
    let name = exercises(&course)[0]["name"].as_str().unwrap().to_string();
    let mut pty = Pty::spawn(course.command(&["--manual-run"]));
    pty.wait_for("✗", Duration::from_secs(120));
    pty.press("r");
    // The second verdict: the check counter is on screen only via the file.
    let start = std::time::Instant::now();
    while record(&course, "Ada")["checks"][&name] != 2 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "{}",
            record(&course, "Ada")
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    pty.press("q");
    assert!(pty.wait(Duration::from_secs(60)).success());
}
