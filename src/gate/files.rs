//! The files info.toml names and the files there are: every exercise and
//! its solution (and each route's proof) exists, and no program in
//! exercises/ or solutions/ is left out of info.toml.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{relative, InfoLines, Problem};
use crate::course::{Course, INFO_FILE};

pub fn check(course: &Course, lines: &InfoLines) -> Vec<Problem> {
    let root = &course.root;
    let mut problems = Vec::new();
    let mut exercises = BTreeSet::new();
    let mut solutions = BTreeSet::new();
    for exercise in &course.exercises {
        let line = lines.of(&exercise.name);
        let name = &exercise.name;
        let path = exercise.path();
        if !root.join(&path).is_file() {
            problems.push(Problem::error(
                INFO_FILE,
                line,
                format!(
                    "exercise `{name}` should be in {}, but there is no such file. \
                     Add the file, or fix the exercise's `dir` or `name`.",
                    path.display()
                ),
            ));
        }
        exercises.insert(relative(root, &root.join(path)));
        let solution = exercise.solution_path();
        if !root.join(&solution).is_file() {
            problems.push(Problem::error(
                INFO_FILE,
                line,
                format!(
                    "exercise `{name}` has no solution: {} does not exist. \
                     Write the reference solution there.",
                    solution.display()
                ),
            ));
        }
        solutions.insert(relative(root, &root.join(solution)));
        for route in &exercise.routes {
            let proof = exercise.route_path(route);
            if !root.join(&proof).is_file() {
                problems.push(Problem::error(
                    INFO_FILE,
                    line,
                    format!(
                        "exercise `{name}` declares the route `{}` for hint {}, but its proof {} \
                         does not exist. Write the program that makes that fix and passes, \
                         or remove the route.",
                        route.name,
                        route.hint,
                        proof.display()
                    ),
                ));
            }
            solutions.insert(relative(root, &root.join(proof)));
        }
    }
    for file in rust_files(&root.join("exercises")) {
        let file = relative(root, &file);
        if !exercises.contains(&file) {
            problems.push(Problem::error(
                file,
                None,
                "is no exercise of info.toml, so no learner would ever see it. Add an \
                 [[exercises]] entry for it (then run `asynclings dev sync`), or delete it.",
            ));
        }
    }
    for file in rust_files(&root.join("solutions")) {
        let file = relative(root, &file);
        if !solutions.contains(&file) {
            problems.push(Problem::error(
                file,
                None,
                "is neither the solution of an exercise of info.toml nor the proof of one of \
                 its routes. Declare the exercise or the route it belongs to, or delete it.",
            ));
        }
    }
    problems
}

/// Every `.rs` file under `dir`, in a stable order (none when it is missing).
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
    found
}
