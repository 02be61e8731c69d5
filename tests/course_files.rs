//! The maintainers' consistency checks on the shipped course: info.toml,
//! the files, the [[bin]] lists, the hints and the checksums agree.
//! (That every exercise fails and every solution passes is proved in
//! tests/runner.rs, by running them.)

mod common;

use std::collections::BTreeSet;

use asynclings::catalogue::CATALOGUE;
use asynclings::course::Course;
use asynclings::originals;

fn course() -> Course {
    Course::load(common::repo()).unwrap_or_else(|e| panic!("{e}"))
}

/// The `name = "..."` of every [[bin]] in a package manifest.
fn bins(package: &str) -> BTreeSet<String> {
    let manifest =
        std::fs::read_to_string(common::repo().join(package).join("Cargo.toml")).unwrap();
    let manifest: toml::Table = toml::from_str(&manifest).unwrap();
    manifest["bin"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bin| {
            let name = bin["name"].as_str().unwrap();
            let path = bin["path"].as_str().unwrap();
            assert!(
                common::repo().join(package).join(path).is_file(),
                "{package}/Cargo.toml lists {path}, which does not exist"
            );
            name.to_string()
        })
        .collect()
}

#[test]
fn every_exercise_is_a_bin_of_both_packages_and_has_a_solution() {
    let course = course();
    let names: BTreeSet<String> = course.exercises.iter().map(|e| e.name.clone()).collect();
    assert_eq!(
        bins("exercises"),
        names,
        "exercises/Cargo.toml [[bin]]s differ from info.toml"
    );
    assert_eq!(
        bins("solutions"),
        names,
        "solutions/Cargo.toml [[bin]]s differ from info.toml"
    );
    for exercise in &course.exercises {
        let solution = common::repo().join(exercise.solution_path());
        assert!(solution.is_file(), "{} has no solution", exercise.name);
    }
}

#[test]
fn hints_are_progressive_and_never_the_solution() {
    let mut giveaways: Vec<String> = Vec::new();
    for exercise in &course().exercises {
        assert!(
            (2..=4).contains(&exercise.hints.len()),
            "{} should have 2 to 4 hint levels",
            exercise.name
        );
        // The lines that make the fix: in the solution, not in the exercise.
        let read = |path| std::fs::read_to_string(common::repo().join(path)).unwrap();
        let shipped = read(exercise.path());
        let solution = read(exercise.solution_path());
        let fix_lines: Vec<&str> = solution
            .lines()
            .map(str::trim)
            .filter(|l| l.len() > 30 && !shipped.contains(l))
            .collect();
        for hint in &exercise.hints {
            for line in &fix_lines {
                if hint.contains(line) {
                    giveaways.push(format!("a hint of {} gives away `{line}`", exercise.name));
                }
            }
        }
    }
    assert!(giveaways.is_empty(), "{}", giveaways.join("\n"));
}

#[test]
fn every_phase_has_exercises_and_a_readme() {
    let course = course();
    for phase in &course.phases {
        let exercises: Vec<_> = course.in_phase(phase.number).collect();
        assert!(
            !exercises.is_empty(),
            "phase {} has no exercises",
            phase.number
        );
        let readme = common::repo()
            .join("exercises")
            .join(&exercises[0].dir)
            .join("README.md");
        assert!(readme.is_file(), "{} is missing", readme.display());
    }
}

#[test]
fn every_catalogue_mistake_is_the_point_of_an_exercise() {
    // Course::load already rejects unknown ids; here every id must be used.
    let course = course();
    let tagged: BTreeSet<&str> = course
        .exercises
        .iter()
        .flat_map(|e| e.mistakes.iter().map(String::as_str))
        .collect();
    let untaught: Vec<&str> = CATALOGUE
        .iter()
        .map(|m| m.id)
        .filter(|id| !tagged.contains(id))
        .collect();
    assert!(untaught.is_empty(), "no exercise teaches: {untaught:?}");
}

#[test]
fn the_checksums_of_the_shipped_texts_are_up_to_date() {
    let course = course();
    let mut files = Vec::new();
    for exercise in &course.exercises {
        let text = std::fs::read_to_string(common::repo().join(exercise.path())).unwrap();
        files.push((exercise.path(), text));
    }
    let expected = originals::checksums_file(files.iter().map(|(p, t)| (p.as_path(), t.as_str())));
    let recorded =
        std::fs::read_to_string(common::repo().join(originals::CHECKSUMS_FILE)).unwrap_or_default();
    assert!(
        recorded == expected,
        "{} is out of date: run `cargo run -- dev checksums` and commit it",
        originals::CHECKSUMS_FILE
    );
    // And this build embedded every one of them, for `reset`.
    for (path, text) in &files {
        assert_eq!(
            originals::original(path),
            Some(text.as_str()),
            "{}",
            path.display()
        );
    }
}
