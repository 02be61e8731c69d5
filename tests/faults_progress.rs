//! Nothing the learner did is lost: the progress file and `reset` under
//! planted symlinks, two runners at once, and saves that cannot be made.

mod common;

use std::process::Stdio;

use asynclings::progress::Progress;
use common::{json, stderr, stdout, Course};

const PROGRESS: &str = ".asynclings-progress.toml";

/// The progress file as TOML.
fn progress_file(course: &Course) -> toml::Table {
    toml::from_str(&course.read(PROGRESS)).unwrap()
}

fn hints_seen(course: &Course, name: &str) -> Option<i64> {
    progress_file(course)
        .get("hints_seen")?
        .get(name)?
        .as_integer()
}

/// The course's exercise names, in order.
fn names(course: &Course) -> Vec<String> {
    let list = json(&course.run(&["list", "--json"]));
    list["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

/// Files at the course root whose names say a progress file was set aside.
fn damaged_backups(course: &Course) -> Vec<String> {
    std::fs::read_dir(course.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("damaged"))
        .collect()
}

/// A file outside the course, and a symlink to it planted at `link`.
#[cfg(unix)]
fn plant_symlink(link: &std::path::Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("precious.txt");
    std::fs::write(&target, "not yours to write").unwrap();
    std::os::unix::fs::symlink(&target, link).unwrap();
    (outside, target)
}

#[cfg(unix)] // Windows makes symbolic links only with a privilege
#[test]
fn a_symlink_at_the_progress_temp_name_is_never_followed() {
    let course = Course::copy();
    let (_outside, target) = plant_symlink(&course.path(".asynclings-progress.toml.tmp"));
    let output = course.run(&["hint"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "not yours to write"
    );
    // The save still worked, into a plain file of its own.
    let meta = std::fs::symlink_metadata(course.path(PROGRESS)).unwrap();
    assert!(meta.file_type().is_file(), "{meta:?}");
    assert_eq!(hints_seen(&course, &names(&course)[0]), Some(1));
}

#[cfg(unix)] // Windows makes symbolic links only with a privilege
#[test]
fn a_symlink_at_the_reset_temp_name_is_never_followed() {
    let course = Course::copy();
    let (exercise, solution) = course.exercise_files()[1].clone();
    std::fs::copy(course.path(&solution), course.path(&exercise)).unwrap();
    let link = course.path(&exercise).with_extension("rs.reset-tmp");
    let (_outside, target) = plant_symlink(&link);
    let name = &names(&course)[1];
    let output = course.run(&["reset", name]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "not yours to write"
    );
    let shipped = std::fs::read_to_string(common::repo().join(&exercise)).unwrap();
    assert_eq!(course.read(&exercise), shipped);
    let meta = std::fs::symlink_metadata(course.path(&exercise)).unwrap();
    assert!(meta.file_type().is_file(), "{meta:?}");
}

/// A watcher open all day, and `run` in a second terminal: the watcher's
/// later save keeps what `run` recorded.
#[test]
fn a_long_lived_session_keeps_a_run_from_another_terminal() {
    let course = Course::copy();
    let names = names(&course);
    let (mut session, _) = Progress::load(course.dir.path()).unwrap();

    let (exercise, solution) = course.exercise_files()[0].clone();
    std::fs::copy(course.path(&solution), course.path(&exercise)).unwrap();
    let run = course.run(&["run"]);
    assert_eq!(run.status.code(), Some(0), "{}", stdout(&run));

    session.see_hint(&names[5], 3);
    session.save().unwrap();

    let progress = json(&course.run(&["progress", "--json"]));
    assert_eq!(progress["done"], 1, "the run's pass was lost");
    assert_eq!(progress["current"], names[1].as_str());
    assert_eq!(hints_seen(&course, &names[5]), Some(1));
}

/// A reset in another terminal is a step too: a session that still
/// thinks the exercise done does not mark it done again.
#[test]
fn a_long_lived_session_keeps_a_reset_from_another_terminal() {
    let course = Course::copy();
    let names = names(&course);
    course.write(
        PROGRESS,
        &format!(
            "format_version = 1\ndone = [\"{}\", \"{}\"]\n",
            names[0], names[1]
        ),
    );
    let (mut session, _) = Progress::load(course.dir.path()).unwrap();
    assert!(session.is_done(&names[1]));

    let reset = course.run(&["reset", &names[1]]);
    assert_eq!(reset.status.code(), Some(0), "{}", stderr(&reset));

    session.mark_done(&names[2]);
    session.save().unwrap();

    let list = json(&course.run(&["list", "--json"]));
    let done: Vec<&str> = list["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["done"] == true)
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(done, [names[0].as_str(), names[2].as_str()]);
    // And the session now sees the reset too.
    assert!(!session.is_done(&names[1]));
}

#[test]
fn concurrent_hints_all_land_and_nothing_is_set_aside() {
    let course = Course::copy();
    let names: Vec<String> = names(&course).into_iter().take(8).collect();
    // A few rounds: one lost update or failed save is enough to fail.
    for round in 1..=3 {
        let children: Vec<_> = names
            .iter()
            .map(|name| {
                course
                    .command(&["hint", name])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for (name, child) in names.iter().zip(children) {
            let output = child.wait_with_output().unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "round {round}, hint {name}: {}",
                stderr(&output)
            );
            assert!(
                stderr(&output).is_empty(),
                "round {round}, hint {name}: {}",
                stderr(&output)
            );
        }
        for name in &names {
            assert_eq!(
                hints_seen(&course, name),
                Some(round),
                "round {round}: {name}'s hint was lost:\n{}",
                course.read(PROGRESS)
            );
        }
        assert_eq!(damaged_backups(&course), Vec::<String>::new());
    }
}

/// A progress "file" that is a folder: the hint is still shown, the
/// learner is told plainly, and their folder is left where it is.
#[test]
fn a_hint_is_shown_even_when_progress_cannot_be_saved() {
    let course = Course::copy();
    course.write(&format!("{PROGRESS}/notes.txt"), "mine");
    let output = course.run(&["hint"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("Hint 1 of"), "{}", stdout(&output));
    let warning = stderr(&output);
    assert!(warning.contains("warning:"), "{warning}");
    assert!(
        warning.contains("`.asynclings-progress.toml` is a folder; move it away"),
        "{warning}"
    );
    assert!(!warning.contains("permissions"), "{warning}");
    assert_eq!(course.read(&format!("{PROGRESS}/notes.txt")), "mine");
    assert_eq!(damaged_backups(&course), Vec::<String>::new());
}

#[test]
fn a_progress_folder_gets_plain_advice_and_is_never_moved() {
    let course = Course::copy();
    course.write(&format!("{PROGRESS}/notes.txt"), "mine");
    let progress = course.run(&["progress"]);
    assert_eq!(progress.status.code(), Some(0), "{}", stderr(&progress));
    assert!(
        stderr(&progress).contains("`.asynclings-progress.toml` is a folder; move it away"),
        "{}",
        stderr(&progress)
    );
    // A command whose whole point is a save fails, saying why.
    let name = &names(&course)[0];
    let reset = course.run(&["reset", name]);
    assert_eq!(reset.status.code(), Some(2));
    assert!(
        stderr(&reset).contains("`.asynclings-progress.toml` is a folder; move it away"),
        "{}",
        stderr(&reset)
    );
    assert!(!stderr(&reset).contains("writable"), "{}", stderr(&reset));
    assert_eq!(course.read(&format!("{PROGRESS}/notes.txt")), "mine");
    assert_eq!(damaged_backups(&course), Vec::<String>::new());
}
