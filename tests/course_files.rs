//! The maintainers' consistency checks on the shipped course: info.toml,
//! the files, the [[bin]] lists, the hints and the checksums agree.
//! (That every exercise fails and every solution passes is proved in
//! tests/runner.rs, by running them.)

mod common;

use std::collections::BTreeSet;

use asynclings::catalogue::{MistakeId, CATALOGUE};
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
    let mut solutions = names.clone();
    for exercise in &course.exercises {
        for route in &exercise.routes {
            solutions.insert(exercise.route_bin(route));
            assert!(
                common::repo().join(exercise.route_path(route)).is_file(),
                "{} declares a route `{}` for hint {}, but {} does not exist",
                exercise.name,
                route.name,
                route.hint,
                exercise.route_path(route).display()
            );
        }
    }
    assert_eq!(
        bins("solutions"),
        solutions,
        "solutions/Cargo.toml [[bin]]s differ from info.toml (an exercise's solution, and one proof per route)"
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

/// Advice is code: the code a hint names (the types, functions, macros
/// and keywords in its `backticked` spans) is found in a program of the
/// repository that passes, or in the exercise the learner reads: the
/// exercise itself, its reference solution, or the proof of a route
/// declared for that hint (`[[exercises.routes]]`). The compiler's own
/// words, quoted from its messages, are the exception.
#[test]
fn the_code_a_hint_names_is_in_a_passing_program() {
    const COMPILER_WORDS: &[&str] = &["MutexGuard", "Future", "Output", "Send", "Sync", "Unpin"];
    let read =
        |path: std::path::PathBuf| std::fs::read_to_string(common::repo().join(path)).unwrap();
    let mut unproven = Vec::new();
    for exercise in &course().exercises {
        let shipped = read(exercise.path());
        let solution = read(exercise.solution_path());
        for (i, hint) in exercise.hints.iter().enumerate() {
            let proofs: Vec<String> = exercise
                .routes
                .iter()
                .filter(|r| r.hint == i + 1)
                .map(|r| read(exercise.route_path(r)))
                .collect();
            for name in common::advice::api_names(hint) {
                let found = COMPILER_WORDS.contains(&name.as_str())
                    || [&shipped, &solution]
                        .into_iter()
                        .chain(&proofs)
                        .any(|code| common::advice::has_identifier(code, &name));
                if !found {
                    unproven.push(format!(
                        "{} hint {}: `{name}` is in no passing program (prove it with a route, or say it in words)",
                        exercise.name,
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(unproven.is_empty(), "{}", unproven.join("\n"));
}

#[test]
fn api_names_are_the_code_of_a_span_without_placeholders() {
    assert_eq!(
        common::advice::api_names(
            "Try `tokio::join!(a, b)`, `set.spawn(fut)` or `Arc<Semaphore>`; `async move`."
        ),
        vec![
            "tokio",
            "join",
            "spawn",
            "Arc",
            "Semaphore",
            "async",
            "move"
        ]
    );
    assert!(common::advice::has_identifier("x.join_all(v)", "join_all"));
    assert!(!common::advice::has_identifier("x.join_all(v)", "join"));
}

#[test]
fn code_fragments_are_backticked_code_split_at_elisions() {
    assert_eq!(
        common::advice::code_fragments(
            "Use `tokio::time::sleep(..).await` or `Box::pin(x)`; `{ }` is too short."
        ),
        vec!["tokio::time::sleep(", ").await", "Box::pin(x)"]
    );
    assert!(common::advice::code_fragments("no code here").is_empty());
}

/// The course declares the oldest Rust it builds with (`Waker::noop`,
/// async closures and `is_none_or` need 1.85), every package of the
/// workspace says the same, and no locked dependency needs a newer one.
/// (Our own code's use of std is checked against it by clippy's
/// `incompatible_msrv` lint, which CI runs with `-D warnings`.)
#[test]
fn the_minimum_rust_version_is_declared_and_no_dependency_needs_more() {
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(common::repo().join("Cargo.toml"))
        .other_options(vec!["--locked".to_string()])
        .exec()
        .expect("cargo metadata runs on the workspace");
    let members: Vec<_> = metadata.workspace_packages();
    let declared = members[0]
        .rust_version
        .clone()
        .expect("the workspace declares rust-version");
    assert!(
        declared >= cargo_metadata::semver::Version::new(1, 85, 0),
        "{declared}"
    );
    for package in &members {
        assert_eq!(
            package.rust_version.as_ref(),
            Some(&declared),
            "{} should declare rust-version = \"{declared}\" like the rest of the workspace",
            package.name
        );
    }
    for package in &metadata.packages {
        if let Some(needs) = &package.rust_version {
            assert!(
                needs <= &declared,
                "the locked {} {} needs Rust {needs}, newer than the declared {declared}: \
                 pin an older version (`cargo update -p {} --precise ..`) or raise rust-version",
                package.name,
                package.version,
                package.name
            );
        }
    }
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
    let tagged: BTreeSet<MistakeId> = course
        .exercises
        .iter()
        .flat_map(|e| e.mistakes.iter().copied())
        .collect();
    let untaught: Vec<MistakeId> = CATALOGUE
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
