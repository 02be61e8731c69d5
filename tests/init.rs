//! `asynclings init [DIR]`: the course written from the texts built into
//! the runner, as `cargo install` users take it. The courses are written
//! into temporary folders and build in the tests' shared target dir.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{json, stderr, stdout};

/// The real binary, run in `dir` on the tests' shared target dir.
fn asynclings(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asynclings"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", common::shared_target_dir())
        .env_remove("NO_COLOR")
        .env("TERM", "dumb")
        .output()
        .unwrap()
}

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("asynclings-init-")
        .tempdir()
        .unwrap()
}

/// The default folder, without solutions: the first exercise fails as
/// shipped, its lesson is there, and `reset` knows its shipped text.
#[test]
fn init_writes_a_course_whose_first_exercise_fails() {
    let scratch = scratch();
    let output = asynclings(scratch.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).ends_with("\nNext: cd asynclings && asynclings\n"),
        "{}",
        stdout(&output)
    );
    let course = scratch.path().join("asynclings");
    assert!(
        !course.join("solutions").exists(),
        "no solutions unless asked"
    );

    let list = json(&asynclings(&course, &["list", "--json"]));
    let first = &list["exercises"][0];
    let (name, path) = (
        first["name"].as_str().unwrap(),
        first["path"].as_str().unwrap(),
    );
    let shipped = asynclings::originals::original(Path::new(path)).unwrap();
    assert_eq!(
        std::fs::read_to_string(course.join(path)).unwrap(),
        shipped,
        "the first exercise is the shipped one"
    );
    let lesson = Path::new(path).parent().unwrap().join("README.md");
    assert!(course.join(&lesson).is_file(), "{}", lesson.display());

    let run = asynclings(&course, &["run", "--json"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let outcome = json(&run);
    assert_eq!(outcome["name"], name);
    assert_ne!(outcome["verdict"], "passed", "{outcome}");

    std::fs::write(course.join(path), "// my attempt\n").unwrap();
    let reset = asynclings(&course, &["reset", name]);
    assert_eq!(reset.status.code(), Some(0), "{}", stderr(&reset));
    assert_eq!(std::fs::read_to_string(course.join(path)).unwrap(), shipped);

    // Without solutions, the maintainers' commands say so instead of
    // speaking of files to restore.
    let verify = asynclings(&course, &["verify", "--solutions"]);
    assert_eq!(verify.status.code(), Some(2), "{}", stdout(&verify));
    assert!(
        stderr(&verify).contains("this course has no solutions")
            && stderr(&verify).contains("init --with-solutions"),
        "{}",
        stderr(&verify)
    );
    let sync = asynclings(&course, &["dev", "sync"]);
    assert_eq!(sync.status.code(), Some(0), "{}", stderr(&sync));
    assert!(
        stdout(&sync).contains("exercises/Cargo.toml"),
        "{}",
        stdout(&sync)
    );
}

/// With `--with-solutions`, every reference solution and route proof passes.
#[test]
fn init_with_solutions_writes_solutions_that_pass() {
    let scratch = scratch();
    let output = asynclings(scratch.path(), &["init", "course", "--with-solutions"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("with their reference solutions"));
    let course = scratch.path().join("course");
    let verify = asynclings(&course, &["verify", "--solutions", "--json"]);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&verify),
        stderr(&verify)
    );
    let report = json(&verify);
    let outcomes = report["outcomes"].as_array().unwrap();
    let info = asynclings::course::Course::load(&course).unwrap();
    assert!(outcomes.len() >= info.exercises.len(), "{report}");
}

#[test]
fn init_into_a_folder_with_something_in_it_refuses_and_changes_nothing() {
    let scratch = scratch();
    let dir = scratch.path().join("asynclings");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("info.toml"), "my own course").unwrap();
    let output = asynclings(scratch.path(), &["init", "--with-solutions"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).trim_end(),
        "error: the folder asynclings is not empty: asynclings writes a course only into a new \
         or empty folder, so that nothing in it is overwritten. Give another folder: \
         `asynclings init DIR`."
    );
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(left.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.join("info.toml")).unwrap(),
        "my own course"
    );
    assert_eq!(std::fs::read_dir(scratch.path()).unwrap().count(), 1);

    // An empty folder is taken.
    std::fs::remove_file(dir.join("info.toml")).unwrap();
    let output = asynclings(scratch.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.join("info.toml").is_file() && dir.join("Cargo.lock").is_file());
}
