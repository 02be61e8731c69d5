//! `asynclings dev new DIR`: a course pack of one's own, which passes the
//! gate as written, grows by the steps its README gives, and is named at
//! fault, file and line, when its own parts go wrong. The packs are written
//! into temporary folders and build in the tests' shared target dir, so
//! tokio is built once for them and the course copies.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use common::{stderr, stdout};

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

/// A new pack, `pack` in a temporary folder: (that folder, the pack).
fn new_pack() -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::Builder::new()
        .prefix("asynclings-pack-")
        .tempdir()
        .unwrap();
    let output = asynclings(scratch.path(), &["dev", "new", "pack"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Next: asynclings --course pack dev check"),
        "{}",
        stdout(&output)
    );
    let pack = scratch.path().join("pack");
    (scratch, pack)
}

/// `dev check` on the pack, with these extra arguments.
fn gate(pack: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--course", pack.to_str().unwrap(), "dev", "check"];
    all.extend_from_slice(args);
    asynclings(pack.parent().unwrap(), &all)
}

fn errors(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_string)
        .collect()
}

fn read(pack: &Path, file: &str) -> String {
    std::fs::read_to_string(pack.join(file)).unwrap()
}

fn write(pack: &Path, file: &str, text: &str) {
    let path = pack.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const EXAMPLE: &str = "exercises/01_first_steps/e1_briefing.rs";
const SOLUTION: &str = "solutions/01_first_steps/e1_briefing.rs";

/// The slow one: the pack's programs built and run, its solution linted.
/// Then its solution is replaced by the broken exercise, and the gate
/// names it (the second run reuses the first one's builds).
#[test]
fn a_new_pack_passes_the_whole_gate_and_a_solution_that_fails_is_named() {
    let (_scratch, pack) = new_pack();
    let started = Instant::now();
    let output = gate(&pack, &[]);
    let first = started.elapsed();
    let out = stdout(&output);
    assert!(
        errors(&output).is_empty() && output.status.code() == Some(0),
        "{out}\n{}",
        stderr(&output)
    );
    assert!(out.contains("exercise e1_briefing: ok"), "{out}");
    assert!(out.contains("solution e1_briefing: ok"), "{out}");
    assert!(out.contains(&format!("rustfmt {SOLUTION}: ok")), "{out}");
    assert!(out.contains("dev check: 0 errors, "), "{out}");

    write(&pack, SOLUTION, &read(&pack, EXAMPLE));
    let started = Instant::now();
    let output = gate(&pack, &[]);
    let second = started.elapsed();
    let errors = errors(&output);
    assert_eq!(errors.len(), 1, "{}", stdout(&output));
    assert!(
        errors[0].starts_with(&format!(
            "error: {SOLUTION}: fails, and a reference program must pass: "
        )) && errors[0].ends_with("`asynclings verify --solutions` shows the whole verdict."),
        "{}",
        errors[0]
    );
    assert_eq!(output.status.code(), Some(1));
    eprintln!("dev check of a new pack: {first:.1?}, then {second:.1?}");
}

/// What the pack's README tells an author to do to add an exercise is
/// what the gate asks for, and what it asks for is enough.
#[test]
fn an_exercise_added_to_a_pack_is_checked_and_its_readme_steps_complete_it() {
    let (_scratch, pack) = new_pack();
    let readme = read(&pack, "README.md");
    for step in [
        "asynclings dev sync",
        "asynclings dev checksums",
        "asynclings dev check",
    ] {
        assert!(readme.contains(step), "the README names `{step}`");
    }
    let program = read(&pack, SOLUTION);
    write(&pack, "exercises/01_first_steps/e2_again.rs", &program);
    write(&pack, "solutions/01_first_steps/e2_again.rs", &program);
    let info = read(&pack, "info.toml");
    write(
        &pack,
        "info.toml",
        &format!(
            "{info}\n[[exercises]]\nname = \"e2_again\"\nphase = 1\ndir = \"01_first_steps\"\n\
             mode = \"test\"\nhints = [\"Look again.\"]\n"
        ),
    );
    let output = gate(&pack, &["--no-run"]);
    let now = read(&pack, "info.toml");
    let at = now.find("name = \"e2_again\"").unwrap();
    let line = now[..at].matches('\n').count() + 1;
    let errors = errors(&output);
    assert_eq!(
        errors,
        [
            format!(
                "error: info.toml:{line}: `e2_again` has no [[bin]] in exercises/Cargo.toml, so \
                 cargo cannot build it. Run `asynclings dev sync` to rewrite the [[bin]] lists \
                 from info.toml."
            ),
            format!(
                "error: info.toml:{line}: `e2_again` has no [[bin]] in solutions/Cargo.toml, so \
                 cargo cannot build it. Run `asynclings dev sync` to rewrite the [[bin]] lists \
                 from info.toml."
            ),
            "error: exercises/.checksums: has no checksum for \
             exercises/01_first_steps/e2_again.rs, so `reset` could not restore it. Run \
             `asynclings dev checksums` and commit the file."
                .to_string(),
        ],
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(1));

    for step in [&["dev", "sync"][..], &["dev", "checksums"]] {
        let mut args = vec!["--course", "pack"];
        args.extend_from_slice(step);
        let output = asynclings(pack.parent().unwrap(), &args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let output = gate(&pack, &["--no-run"]);
    assert!(
        self::errors(&output).is_empty() && output.status.code() == Some(0),
        "{}",
        stdout(&output)
    );
    assert!(read(&pack, "solutions/Cargo.toml").contains("name = \"e2_again\""));
}

/// The pack builds against its own copy of the support crates: without
/// it, cargo cannot build the pack, and the gate says so at the manifest.
#[test]
fn a_pack_without_its_support_crates_fails_the_gate_at_its_manifest() {
    let (_scratch, pack) = new_pack();
    std::fs::remove_dir_all(pack.join("support")).unwrap();
    let output = gate(&pack, &[]);
    let out = stdout(&output);
    assert!(
        out.contains(
            "error: exercises/Cargo.toml: cargo could not build the exercise, before the \
             compiler had anything to say about your code:"
        ),
        "{out}"
    );
    assert!(
        out.contains("support"),
        "cargo's words name what is missing: {out}"
    );
    assert_eq!(output.status.code(), Some(1), "{out}");
}

#[test]
fn dev_new_into_a_folder_with_something_in_it_refuses_and_writes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("mine");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "my notes").unwrap();
    let output = asynclings(scratch.path(), &["dev", "new", "mine"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).trim_end(),
        "error: the folder mine is not empty: asynclings writes a course only into a new or \
         empty folder, so that nothing in it is overwritten. Give another folder: \
         `asynclings dev new DIR`."
    );
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(left.len(), 1);
    assert_eq!(read(&dir, "notes.txt"), "my notes");
    // No staging folder was left beside it either.
    assert_eq!(std::fs::read_dir(scratch.path()).unwrap().count(), 1);
}
