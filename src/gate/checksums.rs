//! exercises/.checksums against the exercises: the runner embeds a shipped
//! text for `reset` only when it matches its checksum (see build.rs), so a
//! stale line leaves that exercise without an original.

use std::collections::HashMap;

use super::Problem;
use crate::course::Course;
use crate::originals::{checksum, CHECKSUMS_FILE};

const RUN_CHECKSUMS: &str = "Run `asynclings dev checksums` and commit the file.";

pub fn check(course: &Course) -> Vec<Problem> {
    let Ok(recorded) = std::fs::read_to_string(course.root.join(CHECKSUMS_FILE)) else {
        return vec![Problem::error(
            CHECKSUMS_FILE,
            None,
            format!("is missing, so `reset` could restore no exercise. {RUN_CHECKSUMS}"),
        )];
    };
    // path -> (checksum, line)
    let recorded: HashMap<&str, (&str, usize)> = crate::originals::checksum_lines(&recorded)
        .map(|(sum, path, line)| (path, (sum, line)))
        .collect();
    let mut problems = Vec::new();
    for exercise in &course.exercises {
        let path = exercise.path().display().to_string();
        // A missing exercise file is the files check's to report.
        let Ok(text) = std::fs::read_to_string(course.root.join(&path)) else {
            continue;
        };
        match recorded.get(path.as_str()) {
            None => problems.push(Problem::error(
                CHECKSUMS_FILE,
                None,
                format!(
                    "has no checksum for {path}, so `reset` could not restore it. {RUN_CHECKSUMS}"
                ),
            )),
            Some((sum, line)) if *sum != checksum(&text) => problems.push(Problem::error(
                CHECKSUMS_FILE,
                Some(*line),
                format!(
                    "the checksum of {path} is stale: the file changed since it was recorded, \
                     and `reset` could not restore it. If the change is meant, {}",
                    RUN_CHECKSUMS.replacen("Run", "run", 1)
                ),
            )),
            Some(_) => {}
        }
    }
    let exercises: Vec<String> = course
        .exercises
        .iter()
        .map(|e| e.path().display().to_string())
        .collect();
    let mut others: Vec<(&str, usize)> = recorded
        .iter()
        .filter(|(path, _)| !exercises.iter().any(|e| e == *path))
        .map(|(path, (_, line))| (*path, *line))
        .collect();
    others.sort_by_key(|(_, line)| *line);
    for (path, line) in others {
        problems.push(Problem::error(
            CHECKSUMS_FILE,
            Some(line),
            format!("lists {path}, which is no exercise of info.toml. {RUN_CHECKSUMS}"),
        ));
    }
    problems
}
