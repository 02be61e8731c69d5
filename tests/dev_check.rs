//! `asynclings dev check`, the course gate, and `dev sync`, on copies of
//! the real course: each broken copy is named with its file, its line and
//! what to do, and fails the gate (exit 1). The static checks run with
//! `--no-run`; one test builds and runs everything.

mod common;

use std::process::Output;
use std::time::Instant;

use common::{stdout, Course};

/// `dev check` with these extra arguments, on the copy.
fn gate(course: &Course, args: &[&str]) -> Output {
    let mut all = vec!["dev", "check"];
    all.extend_from_slice(args);
    course.run(&all)
}

/// The 1-based line of `file` (in the copy) where `needle` first is.
fn line_of(course: &Course, file: &str, needle: &str) -> usize {
    let text = course.read(file);
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {file}"));
    text[..at].matches('\n').count() + 1
}

/// The output has this line, and exits with this status.
#[track_caller]
fn assert_says(output: &Output, status: i32, line: &str) {
    let out = stdout(output);
    assert!(
        out.lines().any(|l| l == line),
        "no line\n  {line}\nin:\n{out}\n{}",
        common::stderr(output)
    );
    assert_eq!(output.status.code(), Some(status), "{out}");
}

fn errors(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_static_checks_pass_on_the_real_course() {
    let course = Course::copy();
    let output = gate(&course, &["--no-run"]);
    assert!(errors(&output).is_empty(), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("dev check: 0 errors, 0 warnings, in "),
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn an_exercise_file_not_in_info_toml_is_reported() {
    let course = Course::copy();
    course.write("exercises/04_beyond/p4_forgotten.rs", "fn main() {}\n");
    assert_says(
        &gate(&course, &["--no-run"]),
        1,
        "error: exercises/04_beyond/p4_forgotten.rs: is no exercise of info.toml, so no learner \
         would ever see it. Add an [[exercises]] entry for it (then run `asynclings dev sync`), \
         or delete it.",
    );
}

#[test]
fn a_listed_exercise_or_solution_that_is_missing_is_reported_at_its_entry() {
    let course = Course::copy();
    // Deleted from the copy: the runner's own embedded text would let the
    // loader pass it (for `reset`), the gate does not.
    std::fs::remove_file(course.path("exercises/01_why_async/p1_lazy.rs")).unwrap();
    std::fs::remove_file(course.path("solutions/01_why_async/p1_tables.rs")).unwrap();
    let output = gate(&course, &["--no-run"]);
    let lazy = line_of(&course, "info.toml", "name = \"p1_lazy\"");
    assert_says(
        &output,
        1,
        &format!(
            "error: info.toml:{lazy}: exercise `p1_lazy` should be in \
             exercises/01_why_async/p1_lazy.rs, but there is no such file. Add the file, or fix \
             the exercise's `dir` or `name`."
        ),
    );
    let tables = line_of(&course, "info.toml", "name = \"p1_tables\"");
    assert_says(
        &output,
        1,
        &format!(
            "error: info.toml:{tables}: exercise `p1_tables` has no solution: \
             solutions/01_why_async/p1_tables.rs does not exist. Write the reference solution there."
        ),
    );
    assert_eq!(errors(&output).len(), 2, "{}", stdout(&output));
}

#[test]
fn a_stale_checksum_is_reported_at_its_line() {
    let course = Course::copy();
    let path = "exercises/01_why_async/p1_lazy.rs";
    course.write(path, &(course.read(path) + "// edited\n"));
    let line = line_of(&course, "exercises/.checksums", path);
    assert_says(
        &gate(&course, &["--no-run"]),
        1,
        &format!(
            "error: exercises/.checksums:{line}: the checksum of {path} is stale: the file changed \
             since it was recorded, and `reset` could not restore it. If the change is meant, run \
             `asynclings dev checksums` and commit the file."
        ),
    );
    // What it says to do is what makes it pass.
    assert_eq!(course.run(&["dev", "checksums"]).status.code(), Some(0));
    assert_eq!(gate(&course, &["--no-run"]).status.code(), Some(0));
}

#[test]
fn an_exercise_without_hints_is_the_loaders_error_at_its_line() {
    let course = Course::copy();
    let info = course.read("info.toml");
    let entry = info.find("name = \"p1_tables\"").unwrap();
    let hints = entry + info[entry..].find("hints = [").unwrap();
    let end = hints + info[hints..].find("\n]\n").unwrap() + 2;
    course.write(
        "info.toml",
        &format!("{}hints = []{}", &info[..hints], &info[end..]),
    );
    let line = line_of(&course, "info.toml", "hints = []");
    assert_says(
        &gate(&course, &["--no-run"]),
        1,
        &format!(
            "error: info.toml:{line}: exercise `p1_tables` has no hints. Give at least one, the \
             gentlest first."
        ),
    );
}

#[test]
fn an_unknown_mistake_id_is_the_loaders_error_at_its_line() {
    let course = Course::copy();
    let info = course.read("info.toml");
    course.write(
        "info.toml",
        &info.replacen("[\"blocking-in-async\"]", "[\"blocking-in-asink\"]", 1),
    );
    let line = line_of(&course, "info.toml", "blocking-in-asink");
    let output = gate(&course, &["--no-run"]);
    let out = stdout(&output);
    assert!(
        out.contains(&format!(
            "error: info.toml:{line}: exercise `p1_tables` names the mistake `blocking-in-asink`, \
             which is not in the catalogue. Known ids: "
        )),
        "{out}"
    );
    assert_eq!(output.status.code(), Some(1), "{out}");
}

#[test]
fn a_catalogue_mistake_no_exercise_teaches_is_only_a_warning() {
    let course = Course::copy();
    let info = course.read("info.toml");
    assert_eq!(info.matches("\"missing-runtime\"").count(), 1);
    course.write(
        "info.toml",
        &info.replace("mistakes = [\"missing-runtime\"]", "mistakes = []"),
    );
    let output = gate(&course, &["--no-run"]);
    assert_says(
        &output,
        0,
        "warning: info.toml: no exercise names the catalogue's mistake `missing-runtime`, so \
         the course never teaches it. Add it to the `mistakes` of the exercise that shows it, if \
         one does.",
    );
    assert!(stdout(&output).contains("dev check: 0 errors, 1 warning, in "));
}

#[test]
fn bin_lists_out_of_step_are_reported_and_dev_sync_mends_them() {
    let course = Course::copy();
    // solutions/ loses a route's proof, exercises/ builds one from elsewhere.
    let solutions = course.read("solutions/Cargo.toml");
    let proof =
        "\n[[bin]]\nname = \"p4_limit__semaphore\"\npath = \"04_beyond/p4_limit__semaphore.rs\"\n";
    assert!(solutions.contains(proof));
    course.write("solutions/Cargo.toml", &solutions.replacen(proof, "", 1));
    let exercises = course.read("exercises/Cargo.toml");
    course.write(
        "exercises/Cargo.toml",
        &exercises.replacen(
            "path = \"01_why_async/p1_lazy.rs\"",
            "path = \"01_why_async/p1_lazy_old.rs\"",
            1,
        ),
    );
    let output = gate(&course, &["--no-run"]);
    let limit = line_of(&course, "info.toml", "name = \"p4_limit\"");
    assert_says(
        &output,
        1,
        &format!(
            "error: info.toml:{limit}: `p4_limit__semaphore` has no [[bin]] in solutions/Cargo.toml, \
             so cargo cannot build it. Run `asynclings dev sync` to rewrite the [[bin]] lists from \
             info.toml."
        ),
    );
    let lazy_bin = line_of(&course, "exercises/Cargo.toml", "name = \"p1_lazy\"") - 1;
    assert_says(
        &output,
        1,
        &format!(
            "error: exercises/Cargo.toml:{lazy_bin}: [[bin]] `p1_lazy` is built from \
             exercises/01_why_async/p1_lazy_old.rs, but info.toml puts it in \
             exercises/01_why_async/p1_lazy.rs. Run `asynclings dev sync` to rewrite the [[bin]] \
             lists from info.toml."
        ),
    );

    let synced = course.run(&["dev", "sync"]);
    assert_eq!(synced.status.code(), Some(0), "{}", common::stderr(&synced));
    // One bin per exercise (its solution), and one per route's proof.
    let info = asynclings::course::Course::load_declared(course.dir.path()).unwrap();
    let bins: usize = info.exercises.iter().map(|e| 1 + e.routes.len()).sum();
    assert!(
        stdout(&synced).contains(&format!(
            "solutions/Cargo.toml: {bins} [[bin]]s, rewritten from info.toml."
        )),
        "{}",
        stdout(&synced)
    );
    // The rest of the manifests is kept, comments included.
    let rewritten = course.read("exercises/Cargo.toml");
    assert!(rewritten.contains("\n# One [[bin]] per exercise, in course order"));
    assert!(rewritten.contains("[dependencies]\ntokio = "));
    assert!(course.read("solutions/Cargo.toml").contains(proof));
    let output = gate(&course, &["--no-run"]);
    assert!(errors(&output).is_empty(), "{}", stdout(&output));
    assert_eq!(output.status.code(), Some(0));
    // A second sync has nothing to do.
    assert!(stdout(&course.run(&["dev", "sync"])).contains("already in step"));
}

#[test]
fn no_course_is_a_gate_that_cannot_run() {
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_asynclings"))
        .args(["dev", "check", "--no-run"])
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("no info.toml found"));
}

/// The slow one: every program built and run, the solutions linted. The
/// real course passes; then one exercise is replaced by its solution (its
/// checksum recorded, so that is the only thing wrong), and the gate says
/// it passes as shipped. The second run reuses the first one's builds.
#[test]
fn the_gate_passes_on_the_real_course_and_catches_an_exercise_that_passes() {
    let course = Course::copy();
    let started = Instant::now();
    let output = gate(&course, &[]);
    let first = started.elapsed();
    assert!(
        errors(&output).is_empty() && output.status.code() == Some(0),
        "{}\n{}",
        stdout(&output),
        common::stderr(&output)
    );
    let out = stdout(&output);
    // Not a terminal: one plain line per check, for a CI log.
    assert!(out.contains("exercise p1_lazy: ok"), "{out}");
    assert!(out.contains("solution p4_limit__semaphore: ok"), "{out}");
    assert!(
        out.contains("rustfmt solutions/01_why_async/p1_lazy.rs: ok"),
        "{out}"
    );

    let exercise = "exercises/01_why_async/p1_lazy.rs";
    course.write(exercise, &course.read("solutions/01_why_async/p1_lazy.rs"));
    assert_eq!(course.run(&["dev", "checksums"]).status.code(), Some(0));
    let started = Instant::now();
    let output = gate(&course, &[]);
    let second = started.elapsed();
    assert_says(
        &output,
        1,
        &format!(
            "error: {exercise}: passes as shipped, so a learner would have nothing to fix. Put \
             back the mistake it teaches (was its solution copied over it?)."
        ),
    );
    assert_eq!(errors(&output).len(), 1, "{}", stdout(&output));
    eprintln!("dev check: {first:.1?} on a fresh copy, then {second:.1?}");
}
