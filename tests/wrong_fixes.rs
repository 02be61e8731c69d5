//! Wrong fixes stay wrong. Each file in tests/wrong_fixes/,
//! `<exercise>__<what>.diff`, is a patch to an exercise's reference solution
//! that changes it the way a hurried learner would, in a way the exercise's
//! own text forbids (release a lock too soon, delete the wait,
//! busy-wake...), its tests left as they are. Its first line says what the
//! learner did and why it is wrong: `// Wrong fix: ...`; the rest is a
//! unified diff (`diff -u SOLUTION WRONG`). The exercise's tests were
//! tightened to refuse each of them; this test keeps it so: the runner must
//! not pass any of them, nor stop one at the time limit unless that first
//! line says "a hang is the expected symptom".

mod common;

use std::time::Instant;

use common::{json, repo, stderr, Course};

/// What a wrong fix's first line starts with.
const HEADER: &str = "// Wrong fix: ";

/// The words, in a wrong fix's first line, that allow it to time out.
const HANG_EXPECTED: &str = "a hang is the expected symptom";

/// Fewer files than this means the folder was emptied or not found.
const AT_LEAST: usize = 12;

struct WrongFix {
    /// `tests/wrong_fixes/<file>`, for messages.
    file: String,
    exercise: String,
    /// The first line.
    comment: String,
    /// The unified diff that follows it.
    patch: String,
}

fn wrong_fixes() -> Vec<WrongFix> {
    let dir = repo().join("tests/wrong_fixes");
    let mut fixes = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".diff") else {
            continue;
        };
        let file = format!("tests/wrong_fixes/{name}");
        let (exercise, _what) = stem
            .split_once("__")
            .unwrap_or_else(|| panic!("{file}: name it `<exercise>__<what>.diff`"));
        let text = std::fs::read_to_string(&path).unwrap();
        let (comment, patch) = text.split_once('\n').unwrap_or((&text, ""));
        fixes.push(WrongFix {
            file,
            exercise: exercise.to_string(),
            comment: comment.to_string(),
            patch: patch.to_string(),
        });
    }
    fixes.sort_by(|a, b| a.file.cmp(&b.file));
    fixes
}

/// A program's tests: from its first `#[cfg(test)]`, `#[test]` or
/// `#[tokio::test...]` line to the end ("" for a program without tests).
fn tests_part(text: &str) -> &str {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let line_start = line.trim_start();
        if ["#[cfg(test)]", "#[test]", "#[tokio::test"]
            .iter()
            .any(|start| line_start.starts_with(start))
        {
            return &text[at..];
        }
        at += line.len();
    }
    ""
}

#[test]
fn no_wrong_fix_passes() {
    let fixes = wrong_fixes();
    assert!(
        fixes.len() >= AT_LEAST,
        "only {} files in tests/wrong_fixes/, expected at least {AT_LEAST}",
        fixes.len()
    );
    let course = Course::copy();
    let files = course.exercise_files();
    let mut problems = Vec::new();
    for fix in &fixes {
        let WrongFix { file, comment, .. } = fix;
        let suffix = format!("/{}.rs", fix.exercise);
        let Some((exercise, solution)) = files.iter().find(|(e, _)| e.ends_with(&suffix)) else {
            problems.push(format!("{file}: no exercise is named {}", fix.exercise));
            continue;
        };
        if !comment.starts_with(HEADER) {
            problems.push(format!(
                "{file}: the first line should start with `{HEADER}` and say what the learner \
                 did and why it is wrong; it is `{comment}`"
            ));
        }
        let reference = std::fs::read_to_string(repo().join(solution)).unwrap();
        let wrong = match diffy::Patch::from_str(&fix.patch)
            .map_err(|e| e.to_string())
            .and_then(|patch| diffy::apply(&reference, &patch).map_err(|e| e.to_string()))
        {
            Ok(wrong) => wrong,
            Err(e) => {
                problems.push(format!(
                    "{file} does not apply to {solution} ({e}): make it again with \
                     `diff -u {solution} WRONG.rs`, below its first line"
                ));
                continue;
            }
        };
        if wrong == reference {
            problems.push(format!(
                "{file} is the reference solution {solution}, not a wrong fix"
            ));
        }
        if tests_part(&wrong) != tests_part(&reference) {
            problems.push(format!(
                "{file}: its tests differ from those of {solution}; a wrong fix changes the \
                 program only"
            ));
        }

        course.write(exercise, &wrong);
        let started = Instant::now();
        let output = course.run(&["run", &fix.exercise, "--json"]);
        let outcome = json(&output);
        let verdict = outcome["verdict"].as_str().unwrap_or_default();
        let summary = outcome["summary"].as_str().unwrap_or_default();
        eprintln!(
            "{file}: {verdict} in {:.1?}\n  {summary}",
            started.elapsed()
        );
        if verdict == "passed" {
            problems.push(format!(
                "{file} passes {exercise}, but it is wrong: {comment}"
            ));
        } else if verdict == "timed-out" && !comment.contains(HANG_EXPECTED) {
            problems.push(format!(
                "{file} is stopped at the time limit of {exercise}, where its tests should \
                 fail fast (or its first line say \"{HANG_EXPECTED}\"): {comment}\n{summary}"
            ));
        } else if verdict.is_empty() {
            problems.push(format!(
                "{file}: `run` gave no verdict:\n{}",
                stderr(&output)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
