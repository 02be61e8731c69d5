//! Watch mode, driven in a pseudo-terminal as a learner would: see the
//! verdict, save a fix, see the pass, press keys, quit. The pseudo-terminal
//! harness is Unix's (tests/common/pty.rs).

#![cfg(unix)]

mod common;

use std::time::Duration;

use common::pty::Pty;
use common::{stdout, Course};

const SOON: Duration = Duration::from_secs(60);

/// Starts watch mode on the course; waits for the first verdict.
fn start(course: &Course) -> Pty {
    let pty = Pty::spawn(course.command(&[]));
    pty.wait_for("✗", SOON);
    pty
}

#[test]
fn a_learner_fixes_the_first_exercise_and_moves_on() {
    let course = Course::copy();
    let files = course.exercise_files();
    let mut pty = start(&course);
    let screen = pty.screen();
    assert!(screen.contains("Welcome to asynclings"), "{screen}");
    assert!(screen.contains(&files[0].0), "{screen}");
    // The named mistake, with its line, is the one thing to look at.
    assert!(screen.contains("Mistake:"), "{screen}");
    assert!(screen.contains("[blocking-in-async]"), "{screen}");
    let total = loaded(&course).exercises.len();
    assert!(screen.contains(&format!("0/{total} done")), "{screen}");

    pty.press("h");
    pty.wait_for("Hint 1/", SOON);

    // The learner saves the fix in place.
    std::fs::copy(course.path(&files[0].1), course.path(&files[0].0)).unwrap();
    let screen = pty.wait_for("✓ passed", SOON);
    assert!(screen.contains("n next"), "{screen}");
    assert!(
        screen.contains(&files[0].1),
        "names the reference solution: {screen}"
    );

    pty.press("d");
    pty.wait_for("Your file is the same as the reference solution", SOON);

    pty.press("n");
    pty.wait_for(&files[1].0, SOON);
    pty.wait_for("✗", SOON);

    pty.press("q");
    assert!(pty.wait(SOON).success());
    assert!(
        pty.terminal_is_normal(),
        "the terminal was left in raw mode"
    );
    assert!(
        pty.raw().ends_with("\x1b[?25h\x1b[?1049l"),
        "the normal screen is restored"
    );
    let progress = common::json(&course.run(&["progress", "--json"]));
    assert_eq!(progress["done"], 1);
}

#[test]
fn hints_are_wrapped_to_the_terminal() {
    let course = Course::copy();
    let mut pty = start(&course);
    pty.press("hh");
    let screen = pty.wait_for("Hint 2/", SOON);
    // The pty is 100 columns wide: a longer line is cut by the terminal.
    for line in screen.lines() {
        assert!(
            console::measure_text_width(line) <= 100,
            "a line wider than the terminal: {line:?}\n{screen}"
        );
    }
}

#[test]
fn an_atomic_rename_save_is_picked_up() {
    let course = Course::copy();
    let (exercise, solution) = course.exercise_files()[0].clone();
    let mut pty = start(&course);
    // What many editors do: write a temporary file, rename it over.
    let tmp = course.path(&format!("{exercise}.tmp-save"));
    std::fs::copy(course.path(&solution), &tmp).unwrap();
    std::fs::rename(&tmp, course.path(&exercise)).unwrap();
    pty.wait_for("✓ passed", SOON);
    pty.press("\x03"); // Ctrl-C quits cleanly too
    assert!(pty.wait(SOON).success());
    assert!(pty.terminal_is_normal());
}

#[test]
fn a_save_during_a_running_check_is_not_lost() {
    let course = Course::copy();
    course.add_exercise("fixture_slow_fail", "slow_fail.rs", "test", "");
    course.write(
        ".asynclings-progress.toml",
        "format_version = 1\ncurrent = \"fixture_slow_fail\"\n",
    );
    let pty = Pty::spawn(course.command(&[]));
    pty.wait_for("Checking...", SOON);
    // The save comes while the check is in its slow run: built, its test
    // running.
    common::wait_until(SOON, "the fixture's test runs", || {
        !common::programs_running("fixture_slow_fail").is_empty()
    });
    let fixed =
        std::fs::read_to_string(common::repo().join("tests/fixtures/slow_fail_fixed.rs")).unwrap();
    course.write("exercises/fixtures/fixture_slow_fail.rs", &fixed);
    let screen = pty.wait_for("✓ passed", SOON);
    assert!(!screen.contains("the shipped text is checked"), "{screen}");
}

#[test]
fn list_filters_and_jumps_to_an_exercise() {
    let course = Course::copy();
    let mut pty = start(&course);
    pty.press("l");
    pty.wait_for("/ to filter", SOON);
    pty.press("/p3_recur\r");
    let screen = pty.wait_for("Filter: p3_recur", SOON);
    assert!(!screen.contains("p1_tables"), "{screen}");
    pty.press("\r");
    pty.wait_for("Exercise: exercises/03_futures/p3_recursion.rs", SOON);
    pty.wait_for("compile error", SOON);
    pty.press("q");
    assert!(pty.wait(SOON).success());
}

#[test]
fn without_a_terminal_it_checks_once_in_plain_text() {
    let course = Course::copy();
    let output = course.command(&[]).env("NO_COLOR", "1").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("✗"), "{text}");
    assert!(
        !text.contains('\x1b'),
        "escape codes in plain output: {text:?}"
    );
}

#[test]
fn manual_run_checks_when_r_is_pressed() {
    let course = Course::copy();
    let (exercise, solution) = course.exercise_files()[0].clone();
    let mut pty = Pty::spawn(course.command(&["--manual-run"]));
    pty.wait_for("✗", SOON);
    let screen = pty.wait_for("q quit", SOON); // the verdict's screen, whole
    assert!(screen.contains("Manual mode"), "{screen}");
    let drawn = pty.written();
    std::fs::copy(course.path(&solution), course.path(&exercise)).unwrap();
    // This one is about time: for a while after the save, nothing happens.
    // A watched save is drawn ("Checking...") within its debounce (30 ms);
    // 1.5 s of a still screen is a clear "not checked".
    std::thread::sleep(Duration::from_millis(1500));
    let since = pty.written_since(drawn);
    assert!(since.is_empty(), "drawn again without r: {since:?}");
    pty.press("r");
    pty.wait_for("✓ passed", SOON);
    pty.press("q");
    assert!(pty.wait(SOON).success());
}

#[test]
fn a_closed_terminal_stops_the_check_and_restores_the_terminal() {
    let course = Course::copy();
    course.add_exercise("fixture_sleep_forever", "sleep_forever.rs", "run", "");
    course.write(
        ".asynclings-progress.toml",
        "format_version = 1\ncurrent = \"fixture_sleep_forever\"\n",
    );
    let mut pty = Pty::spawn(course.command(&[]));
    pty.wait_for("Checking...", SOON);
    // Wait until the program itself runs (it never ends on its own), and
    // the child it starts: not cargo building it.
    common::wait_until(SOON, "the fixture and its child run", || {
        !common::programs_running("fixture_sleep_forever").is_empty()
            && !common::processes_named("sleep 1000.25").is_empty()
    });
    pty.hang_up();
    let status = pty.wait(SOON);
    assert!(!status.success());
    assert!(pty.terminal_is_normal());
    common::assert_gone("fixture_sleep_forever");
    common::assert_gone("sleep 1000.25");
}

/// The course's exercises as `list --json` gives them.
fn exercises(course: &Course) -> Vec<serde_json::Value> {
    let list = common::json(&course.run(&["list", "--json"]));
    list["exercises"].as_array().unwrap().clone()
}

/// Every exercise before `last` (in course order) done, `last` current and
/// already solved: its first check passes.
fn about_to_pass(course: &Course, last: &serde_json::Value) {
    let all = exercises(course);
    let before: Vec<String> = all
        .iter()
        .take_while(|e| e["name"] != last["name"])
        .map(|e| format!("{}", e["name"]))
        .collect();
    course.write(
        ".asynclings-progress.toml",
        &format!(
            "format_version = 1\ncurrent = {}\ndone = [{}]\n",
            last["name"],
            before.join(", ")
        ),
    );
    let path = last["path"].as_str().unwrap();
    let solution = path.replacen("exercises/", "solutions/", 1);
    std::fs::copy(course.path(&solution), course.path(path)).unwrap();
}

fn loaded(course: &Course) -> asynclings::course::Course {
    asynclings::course::Course::load(course.dir.path()).unwrap()
}

#[test]
fn the_last_exercise_of_a_phase_recaps_it_and_offers_the_next_lesson() {
    let course = Course::copy();
    let all = exercises(&course);
    let last_of_1 = all.iter().rfind(|e| e["phase"] == 1).unwrap();
    let first_of_2 = all.iter().find(|e| e["phase"] == 2).unwrap();
    about_to_pass(&course, last_of_1);
    let summary = loaded(&course).phases[0].summary.clone();
    let mut pty = Pty::spawn(course.command(&[]));

    let screen = pty.wait_for("Phase 1 done", SOON);
    assert!(screen.contains("✓ passed"), "{screen}");
    let recap: Vec<&str> = summary.split_whitespace().take(5).collect();
    assert!(screen.contains(&recap.join(" ")), "{screen}");
    assert!(screen.contains("Next, phase 2"), "{screen}");
    assert!(
        screen.contains("exercises/02_event_loop/README.md"),
        "{screen}"
    );
    assert!(screen.contains("o phase 2 lesson"), "{screen}");

    // The lesson, a screen at a time: its last line is a page or two away.
    let readme = course.read("exercises/02_event_loop/README.md");
    let last_line = readme.lines().rev().find(|l| !l.trim().is_empty());
    let last_line = last_line.unwrap().trim();
    pty.press("o");
    let lesson = pty.wait_for("Phase 2 lesson:", SOON);
    assert!(lesson.contains("Phase 2: the event loop"), "{lesson}");
    assert!(!lesson.contains(last_line), "{lesson}");
    pty.press("   ");
    pty.wait_for(last_line, SOON);

    pty.press("n");
    let path = first_of_2["path"].as_str().unwrap();
    pty.wait_for(&format!("Exercise: {path}"), SOON);
    pty.press("q");
    assert!(pty.wait(SOON).success());
}

#[test]
fn the_last_exercise_of_the_course_shows_the_final_message_and_stays() {
    let course = Course::copy();
    let all = exercises(&course);
    about_to_pass(&course, all.last().unwrap());
    let final_message = loaded(&course).final_message;
    let first_line = final_message.lines().next().unwrap();
    let mut pty = Pty::spawn(course.command(&[]));

    let screen = pty.wait_for("Course complete", SOON);
    assert!(screen.contains(first_line), "{screen}");
    assert!(!screen.contains("n next"), "{screen}");

    // n does not wrap around to the first exercise: x, read after it, asks
    // to reset the exercise that is current then, still the last.
    pty.press("nx");
    let screen = pty.wait_for("to its shipped text?", SOON);
    let first = all[0]["path"].as_str().unwrap();
    let last = all.last().unwrap()["path"].as_str().unwrap();
    assert!(screen.contains(last), "{screen}");
    assert!(!screen.contains(first), "{screen}");
    pty.press("\r");
    pty.wait_for("Reset cancelled", SOON);
    pty.press("q");
    assert!(pty.wait(SOON).success());
}

/// `rm -rf exercises && cp -r backup exercises`: a new folder at the same
/// path. The watcher notices and watches the new one, so saves still count.
#[cfg(target_os = "linux")] // it reads the inotify watches in /proc
#[test]
fn a_replaced_exercises_folder_is_watched_again() {
    let course = Course::copy();
    let (exercise, solution) = course.exercise_files()[0].clone();
    let mut pty = start(&course);
    let copy = |from: &str, to: &str| {
        let status = std::process::Command::new("cp")
            .args(["-r", from, to])
            .current_dir(course.dir.path())
            .status()
            .unwrap();
        assert!(status.success());
    };
    copy("exercises", "backup");
    std::fs::remove_dir_all(course.path("exercises")).unwrap();
    copy("backup", "exercises");
    // Once the new folders are watched, save the fix as an editor would.
    let folder = course.path(&exercise).parent().unwrap().to_path_buf();
    common::wait_until(SOON, "the new exercises folders are watched", || {
        pty.watches_folder(&course.path("exercises")) && pty.watches_folder(&folder)
    });
    std::fs::copy(course.path(&solution), course.path(&exercise)).unwrap();
    let screen = pty.wait_for("✓ passed", SOON);
    assert!(!screen.contains("no save was noticed"), "{screen}");
    pty.press("q");
    assert!(pty.wait(SOON).success());
}

/// `t` draws the timeline of a recorded run of the current exercise (the
/// first one blocks the loop: a row of X), and any key goes back.
#[test]
fn t_draws_the_timeline_of_the_current_exercise() {
    let course = Course::copy();
    let mut pty = start(&course);
    pty.press("t");
    let screen = pty.wait_for("held the thread", SOON);
    assert!(screen.contains("Timeline of"), "{screen}");
    assert!(screen.contains("XXXX"), "{screen}");
    pty.press("x");
    pty.wait_for("t timeline", SOON);
    pty.press("q");
    assert!(pty.wait(SOON).success());
}

/// A save while `t` records (its build, its run) starts a check, and the
/// recording the learner asked for still runs to its end and is drawn.
#[test]
fn a_save_during_a_recording_does_not_stop_it() {
    let course = Course::copy();
    let (exercise, solution) = course.exercise_files()[0].clone();
    let mut pty = start(&course);
    pty.press("t");
    pty.wait_for("Recording a run of", SOON);
    // The recording has read the shipped text by now (it does so first);
    // its build and its 900 ms run are still to come.
    std::thread::sleep(std::time::Duration::from_millis(100));
    course.write(&exercise, &course.read(&solution));
    let screen = pty.wait_for("held the thread", SOON);
    assert!(screen.contains("XXXX"), "{screen}");
    // Meanwhile the save was checked: back on the exercise, it passed.
    pty.press("x");
    pty.wait_for("✓ passed", SOON);
    pty.press("q");
    assert!(pty.wait(SOON).success());
}

/// A fix that stops blocking the loop is told under the pass, before and
/// after, from the shipped text and the fixed file each run recorded.
#[test]
fn the_pass_screen_tells_what_the_fix_changed() {
    let course = Course::copy();
    let (exercise, solution) = course.exercise_files()[0].clone();
    let mut pty = start(&course);
    // The first recording builds tokio for recording; a pass compares only
    // once that is done, never behind the learner's back.
    pty.press("t");
    pty.wait_for("held the thread", SOON);
    pty.press("x");
    pty.wait_for("t timeline", SOON);
    course.write(&exercise, &course.read(&solution));
    pty.wait_for("✓ passed", SOON);
    let screen = pty.wait_for("Before: 9", SOON);
    // A blocking sleep is timed in real time: 900 ms asked, a few more on a
    // busy machine. After the fix, 300 ms of paused-clock waiting plus the
    // polls' own real time.
    let line = screen
        .lines()
        .find(|line| line.starts_with("Before: "))
        .unwrap_or_else(|| panic!("no before/after line:\n{screen}"));
    let blocked = milliseconds_after(line, "the loop blocked for ");
    assert!((900..1000).contains(&blocked), "{screen}");
    let now = milliseconds_after(line, "Now: ");
    assert!((300..350).contains(&now), "{screen}");
    assert!(line.ends_with("the loop never blocked."), "{screen}");
}

/// The number of milliseconds written just after `label` in `line`
/// (`Now: 300 ms` gives 300).
fn milliseconds_after(line: &str, label: &str) -> u64 {
    let (_, rest) = line
        .split_once(label)
        .unwrap_or_else(|| panic!("no {label:?} in {line:?}"));
    let (number, _) = rest
        .split_once(" ms")
        .unwrap_or_else(|| panic!("no milliseconds after {label:?} in {line:?}"));
    number
        .parse()
        .unwrap_or_else(|_| panic!("{number:?} after {label:?} is not a number"))
}
