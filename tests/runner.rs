//! The runner's commands, run as a learner would, on a copy of the course.

mod common;

use std::time::{Duration, Instant};

use common::{assert_gone, json, processes_named, stderr, stdout, wait_until, Course};

#[test]
fn every_shipped_exercise_fails_and_every_solution_passes() {
    let course = Course::copy();
    let shipped = course.run(&["verify", "--json"]);
    assert_eq!(shipped.status.code(), Some(1), "{}", stderr(&shipped));
    let report = json(&shipped);
    let outcomes = report["outcomes"].as_array().unwrap();
    assert!(outcomes.len() >= 6);
    let info = asynclings::course::Course::load(course.dir.path()).unwrap();
    let mut misnamed = Vec::new();
    for (outcome, exercise) in outcomes.iter().zip(&info.exercises) {
        assert_eq!(outcome["name"], exercise.name.as_str());
        // The diagnosis names, first, a mistake the exercise teaches; on an
        // exercise that teaches none of the catalogue's, it claims none.
        let first = outcome["mistakes"][0]["id"].as_str();
        let taught: Vec<&str> = exercise.mistakes.iter().map(|m| m.as_str()).collect();
        let right = match first {
            Some(id) => taught.contains(&id),
            None => taught.is_empty(),
        };
        if !right {
            misnamed.push(format!("{}: {first:?}, teaches {taught:?}", exercise.name));
        }
    }
    assert!(
        misnamed.is_empty(),
        "the diagnosis names the wrong mistake first on shipped exercises:\n{}",
        misnamed.join("\n")
    );
    for outcome in outcomes {
        assert_ne!(
            outcome["verdict"], "passed",
            "{} passes as shipped",
            outcome["name"]
        );
        assert_ne!(
            outcome["verdict"], "timed-out",
            "{} should fail fast, not hang: {}",
            outcome["name"], outcome["summary"]
        );
    }

    course.solve_all();
    let solved = course.run(&["verify", "--json"]);
    let report = json(&solved);
    for outcome in report["outcomes"].as_array().unwrap() {
        assert_eq!(
            outcome["verdict"], "passed",
            "the solution of {} fails: {}\n{:#}",
            outcome["name"], outcome["summary"], outcome
        );
    }
    assert_eq!(solved.status.code(), Some(0));
    let progress = json(&course.run(&["progress", "--json"]));
    assert_eq!(progress["done"], progress["total"]);
}

/// `verify --solutions` checks every reference solution and every proof of
/// a route that a hint proposes: advice is code, and it passes.
#[test]
fn every_solution_and_every_hinted_route_passes() {
    let course = Course::copy();
    let info = asynclings::course::Course::load(course.dir.path()).unwrap();
    let routes: usize = info.exercises.iter().map(|e| e.routes.len()).sum();
    let solved = course.run(&["verify", "--solutions", "--json"]);
    let report = json(&solved);
    let outcomes = report["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), info.exercises.len() + routes);
    for outcome in outcomes {
        assert_eq!(
            outcome["verdict"], "passed",
            "{} fails: {}\n{:#}",
            outcome["path"], outcome["summary"], outcome
        );
    }
    assert_eq!(solved.status.code(), Some(0), "{}", stderr(&solved));
}

#[test]
fn a_passing_run_marks_it_done_and_names_the_next() {
    let course = Course::copy();
    let first = &course.exercise_files()[0];
    let failing = course.run(&["run"]);
    assert_eq!(failing.status.code(), Some(1));
    assert!(stdout(&failing).contains(&first.0), "{}", stdout(&failing));

    std::fs::copy(course.path(&first.1), course.path(&first.0)).unwrap();
    let passing = course.run(&["run"]);
    assert_eq!(passing.status.code(), Some(0), "{}", stdout(&passing));
    assert!(
        stdout(&passing).contains("✓ passed"),
        "{}",
        stdout(&passing)
    );
    let second = &course.exercise_files()[1].0;
    assert!(
        stdout(&passing).contains(second.as_str()),
        "names the next: {}",
        stdout(&passing)
    );

    let list = json(&course.run(&["list", "--json"]));
    let exercises = list["exercises"].as_array().unwrap();
    assert_eq!(exercises[0]["state"], "done");
    assert_eq!(exercises[1]["state"], "current");
    assert_eq!(exercises[2]["state"], "pending");
    assert_eq!(exercises[0]["phase"], 1);
    let progress = json(&course.run(&["progress", "--json"]));
    assert_eq!(progress["done"], 1);
    assert_eq!(progress["current"], exercises[1]["name"]);
}

#[test]
fn run_json_prints_the_outcome() {
    let course = Course::copy();
    let output = course.run(&["run", "--json", "p1_first_await"]);
    assert_eq!(output.status.code(), Some(1));
    let outcome = json(&output);
    assert_eq!(outcome["schema"], 1);
    assert_eq!(outcome["verdict"], "compile-error");
    let errors: Vec<_> = outcome["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "error")
        .collect();
    assert!(!errors.is_empty());
    assert!(errors[0]["line"].as_u64().unwrap() > 0);
}

#[test]
fn run_names_the_mistake_in_the_courses_words() {
    let course = Course::copy();
    let output = course.run(&["run", "p1_first_await"]);
    let text = stdout(&output);
    assert!(text.contains("Mistake:"), "{text}");
    assert!(text.contains("[missing-await]"), "{text}");
    assert!(
        text.contains("exercises/01_why_async/p1_first_await.rs:"),
        "points at the line: {text}"
    );
    // The compiler's own words are still there in `run`.
    assert!(text.contains("error[E"), "{text}");
}

#[test]
fn reset_restores_the_shipped_text() {
    let course = Course::copy();
    let (exercise, solution) = &course.exercise_files()[2];
    let shipped = course.read(exercise);
    std::fs::copy(course.path(solution), course.path(exercise)).unwrap();
    assert_ne!(course.read(exercise), shipped);
    let name = exercise.rsplit('/').next().unwrap().trim_end_matches(".rs");
    let output = course.run(&["reset", name]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(course.read(exercise), shipped);
}

#[test]
fn hints_come_one_level_at_a_time() {
    let course = Course::copy();
    let first = stdout(&course.run(&["hint"]));
    assert!(first.contains("Hint 1 of"), "{first}");
    assert!(!first.contains("Hint 2 of"), "{first}");
    let second = stdout(&course.run(&["hint"]));
    assert!(
        second.contains("Hint 1 of") && second.contains("Hint 2 of"),
        "{second}"
    );
}

/// Runs `name`, whose time limit is 2 s, and checks it was stopped in
/// time. `child`: a marker of a process the program starts, seen running
/// before the limit and gone after it.
fn assert_stopped_in_time(course: &Course, name: &str, expect: &str, child: Option<&str>) {
    // Build first, so the timing below is the run alone.
    let _ = course.run(&["run", name]);
    let start = Instant::now();
    let runner = course
        .command(&["run", "--json", name])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(child) = child {
        // Seen first, so that its absence below means it was stopped, not
        // that it never started.
        wait_until(Duration::from_secs(10), &format!("`{child}` runs"), || {
            !processes_named(child).is_empty()
        });
    }
    let output = runner.wait_with_output().unwrap();
    let elapsed = start.elapsed();
    let outcome = json(&output);
    assert_eq!(outcome["verdict"], "timed-out", "{outcome:#}");
    assert!(
        elapsed < Duration::from_secs(2 + 2),
        "a 2 s limit took {elapsed:?} to stop"
    );
    let summary = outcome["summary"].as_str().unwrap();
    assert!(summary.contains("did not finish"), "{summary}");
    assert!(summary.contains(expect), "{summary}");
    assert!(
        processes_named(name).is_empty(),
        "left running: {:?}",
        processes_named(name)
    );
    if let Some(child) = child {
        assert_gone(child);
    }
}

#[test]
fn a_test_that_hangs_is_stopped() {
    let course = Course::copy();
    course.add_exercise(
        "fixture_hang_in_test",
        "hang_in_test.rs",
        "test",
        "timeout_secs = 2",
    );
    assert_stopped_in_time(
        &course,
        "fixture_hang_in_test",
        "tests::waits_forever",
        None,
    );
}

#[cfg(unix)] // its children are Unix's `sleep`
#[test]
fn a_main_that_sleeps_forever_is_stopped_with_its_children() {
    let course = Course::copy();
    course.add_exercise(
        "fixture_sleep_forever",
        "sleep_forever.rs",
        "run",
        "timeout_secs = 2",
    );
    // The `sleep 1000.25` it starts goes with it.
    assert_stopped_in_time(
        &course,
        "fixture_sleep_forever",
        "The program",
        Some("sleep 1000.25"),
    );
}

/// A program's output is shown with its control characters made visible:
/// it can never set the title, clear the screen or leave the runner's
/// alternate screen.
#[test]
fn program_output_cannot_take_over_the_terminal() {
    let course = Course::copy();
    course.add_exercise("fixture_hijack", "hijack.rs", "run", "");
    let output = course.run(&["run", "fixture_hijack"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let shown = stdout(&output) + &stderr(&output);
    assert!(shown.contains("␛]0;pwned␇␛[2J␛[?1049lhello"), "{shown}");
    assert!(shown.contains("␛[31mred alert␛[0m"), "{shown}");
    assert!(
        !shown.contains('\x1b') && !shown.contains('\x07'),
        "{shown:?}"
    );
}

/// Ctrl-C on `run` stops the checked program and its children, which live
/// in a process group of their own that the terminal's Ctrl-C never reaches.
#[cfg(unix)] // SIGINT, as a terminal's Ctrl-C sends it
#[test]
fn ctrl_c_on_run_stops_the_checked_program() {
    let course = Course::copy();
    course.add_exercise(
        "fixture_interrupted",
        "interrupted.rs",
        "run",
        "timeout_secs = 120",
    );
    let mut runner = course
        .command(&["run", "fixture_interrupted"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_until(Duration::from_secs(120), "the program runs", || {
        !processes_named("sleep 1000.75").is_empty()
    });
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(runner.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let status = runner.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_gone("sleep 1000.75");
    assert_gone("fixture_interrupted");
}

/// A daemon that escapes the program's process group and holds its output
/// pipe neither keeps `run` waiting nor outlives the check.
#[cfg(unix)] // the daemon is started with Unix's `setsid`
#[test]
fn a_daemon_neither_holds_the_run_nor_outlives_it() {
    let course = Course::copy();
    course.add_exercise("fixture_daemon", "daemon.rs", "run", "");
    course.run(&["run", "fixture_daemon"]); // the build, not timed
    let started = Instant::now();
    let output = course.run(&["run", "fixture_daemon"]);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "run took {:?}",
        started.elapsed()
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_gone("sleep 1000.5");
}

#[test]
fn a_flood_of_output_is_capped() {
    let course = Course::copy();
    course.add_exercise(
        "fixture_flood",
        "flood.rs",
        "output",
        "expected_output = \"x\"",
    );
    let output = course.run(&["run", "--json", "fixture_flood"]);
    let outcome = json(&output);
    let run = &outcome["run"];
    assert_eq!(run["output_truncated"], true, "{run:#}");
    assert!(run["stdout"].as_str().unwrap().len() <= 1024 * 1024);
    assert_eq!(outcome["verdict"], "wrong-output");
    let human = stdout(&course.run(&["run", "fixture_flood"]));
    assert!(human.contains("output truncated"), "{human}");
    assert!(
        human.len() < 64 * 1024,
        "the report is {} bytes",
        human.len()
    );
}

#[test]
fn a_damaged_progress_file_is_kept_and_the_course_goes_on() {
    let course = Course::copy();
    course.write(
        ".asynclings-progress.toml",
        "format_version = 1\ndone = [\"p1_tables\"\n\u{0}",
    );
    let output = course.run(&["progress", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(json(&output)["done"], 0);
    let warning = stderr(&output);
    assert!(warning.contains("progress starts afresh"), "{warning}");
    assert!(
        warning.contains(".asynclings-progress.toml.damaged"),
        "{warning}"
    );
    assert!(course
        .read(".asynclings-progress.toml.damaged")
        .contains("p1_tables"));
}

fn info_toml_error(course: &Course, from: &str, to: &str) -> String {
    let info = course.read("info.toml");
    assert!(info.contains(from), "info.toml has no `{from}`");
    course.write("info.toml", &info.replacen(from, to, 1));
    let output = course.run(&["list"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    course.write("info.toml", &info);
    message
}

#[test]
fn a_bad_info_toml_names_the_file_the_line_and_the_fix() {
    let course = Course::copy();
    let line_of = |needle: &str| {
        course
            .read("info.toml")
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    };

    let typo = info_toml_error(&course, "mode = \"test\"", "mood = \"test\"");
    assert!(typo.contains("info.toml:"), "{typo}");
    assert!(typo.contains("mood"), "{typo}");

    let second = course.exercise_files()[1].0.clone();
    let second_name = second
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".rs")
        .to_string();
    let first_name = course.exercise_files()[0]
        .0
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".rs")
        .to_string();
    let duplicate = info_toml_error(
        &course,
        &format!("name = \"{second_name}\""),
        &format!("name = \"{first_name}\""),
    );
    let line = line_of(&format!("name = \"{second_name}\""));
    assert!(
        duplicate.contains(&format!("info.toml:{line}:")),
        "{duplicate}"
    );
    assert!(duplicate.contains("listed twice"), "{duplicate}");

    let bad_id = info_toml_error(
        &course,
        "mistakes = [\"",
        "mistakes = [\"no-such-mistake\", \"",
    );
    assert!(
        bad_id.contains("`no-such-mistake`, which is not in the catalogue"),
        "{bad_id}"
    );

    // A `dir` that names no shipped file is a typo in info.toml. (A shipped
    // exercise the learner deleted is not: see
    // a_deleted_exercise_is_brought_back_by_reset.)
    let typo = info_toml_error(&course, "dir = \"01_why_async\"", "dir = \"01_why_asnyc\"");
    assert!(
        typo.contains("exercises/01_why_asnyc/") && typo.contains("no such file"),
        "{typo}"
    );
}

#[test]
fn outside_a_course_the_error_says_where_to_go() {
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_asynclings"))
        .arg("list")
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no info.toml found"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn without_network_on_the_first_build_the_error_says_how_to_fix_it() {
    let course = Course::copy();
    let empty_cargo_home = tempfile::tempdir().unwrap();
    let output = course
        .command(&["run"])
        .env("CARGO_HOME", empty_cargo_home.path())
        .env("CARGO_NET_OFFLINE", "true")
        .env("CARGO_TARGET_DIR", course.path("target"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("could not be downloaded"), "{message}");
    assert!(message.contains("cargo fetch"), "{message}");
}

#[test]
fn a_deleted_exercise_is_brought_back_by_reset() {
    let course = Course::copy();
    let (exercise, _) = course.exercise_files()[1].clone();
    let name = exercise
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".rs")
        .to_string();
    let shipped = course.read(&exercise);
    std::fs::remove_file(course.path(&exercise)).unwrap();

    let output = course.run(&["run", &name]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("{exercise} is missing")),
        "{message}"
    );
    assert!(
        message.contains(&format!("asynclings reset {name}")),
        "{message}"
    );

    let output = course.run(&["reset", &name]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(course.read(&exercise), shipped);
}

#[cfg(unix)] // a signal (SIGABRT) ends it
#[test]
fn a_crashing_program_is_reported_with_its_signal() {
    let course = Course::copy();
    course.add_exercise("fixture_abort", "abort.rs", "run", "");
    let outcome = json(&course.run(&["run", "--json", "fixture_abort"]));
    assert_eq!(outcome["verdict"], "failed", "{outcome:#}");
    assert_eq!(outcome["run"]["signal"], 6);
    let summary = outcome["summary"].as_str().unwrap();
    assert!(summary.contains("killed by signal 6"), "{summary}");
}

#[cfg(target_os = "linux")] // SIGPIPE, as other Unix tools end; Linux's pipe2
#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::os::unix::process::ExitStatusExt;

    let course = Course::copy();
    // The reader is gone before a line is written, as with
    // `asynclings list | head -0`: the pipe's read end is closed first.
    // Close-on-exec from the start, so that no program another test starts
    // meanwhile keeps the read end open.
    let (read_end, write_end) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
    drop(read_end);
    let output = course
        .command(&["list"])
        .stdout(write_end)
        .output()
        .unwrap();
    // As other Unix tools do: ended quietly by SIGPIPE, not an exit status
    // of its own (an error's 2, a panic's 101), and nothing on stderr.
    assert_eq!(
        output.status.signal(),
        Some(libc::SIGPIPE),
        "{:?}: {}",
        output.status,
        stderr(&output)
    );
    assert_eq!(stderr(&output), "");
}
