//! The `[[bin]]` lists of exercises/Cargo.toml and solutions/Cargo.toml,
//! which cargo builds from: what info.toml says they must be, where they
//! differ, and the lists rewritten from info.toml (`dev sync`), so that
//! nobody keeps three lists in step by hand.

use std::path::{Path, PathBuf};

use super::{InfoLines, Problem};
use crate::course::{line_of, Course, INFO_FILE};

/// A package whose bins are the course's programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Package {
    /// One bin per exercise.
    Exercises,
    /// One bin per exercise (its reference solution) and one per route.
    Solutions,
}

impl Package {
    pub const ALL: [Package; 2] = [Package::Exercises, Package::Solutions];

    pub fn name(self) -> &'static str {
        match self {
            Package::Exercises => "exercises",
            Package::Solutions => "solutions",
        }
    }

    /// The manifest, relative to the course root.
    pub fn manifest(self) -> String {
        format!("{}/Cargo.toml", self.name())
    }
}

/// One `[[bin]]`: its name and its source, relative to the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    pub name: String,
    pub path: String,
    /// The exercise it belongs to.
    pub exercise: String,
}

/// The bins info.toml asks of `package`, in course order: each
/// exercise's, then (for solutions) the proof of each of its routes.
pub fn expected(course: &Course, package: Package) -> Vec<Bin> {
    let mut bins = Vec::new();
    for exercise in &course.exercises {
        // The file's path as the course names it, relative to the package.
        let bin = |name: String, file: PathBuf| Bin {
            path: file
                .strip_prefix(package.name())
                .unwrap_or(&file)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            name,
            exercise: exercise.name.clone(),
        };
        match package {
            Package::Exercises => bins.push(bin(exercise.name.clone(), exercise.path())),
            Package::Solutions => {
                bins.push(bin(exercise.name.clone(), exercise.solution_path()));
                bins.extend(
                    exercise
                        .routes
                        .iter()
                        .map(|r| bin(exercise.route_bin(r), exercise.route_path(r))),
                );
            }
        }
    }
    bins
}

/// Where both manifests' bins differ from info.toml's exercises.
pub fn check(course: &Course, lines: &InfoLines) -> Vec<Problem> {
    let mut problems = Vec::new();
    for package in Package::ALL {
        problems.extend(check_package(course, lines, package));
    }
    problems
}

const RUN_SYNC: &str = "Run `asynclings dev sync` to rewrite the [[bin]] lists from info.toml.";

fn check_package(course: &Course, lines: &InfoLines, package: Package) -> Vec<Problem> {
    let manifest = package.manifest();
    let text = match std::fs::read_to_string(course.root.join(&manifest)) {
        Ok(text) => text,
        Err(e) => {
            return vec![Problem::error(
                manifest,
                None,
                format!(
                    "cannot be read ({e}): cargo builds the course's programs from it. Restore it."
                ),
            )]
        }
    };
    let declared = match crate::declared_bins::parse(&text) {
        Ok(declared) => declared,
        Err(e) => {
            return vec![Problem::error(
                manifest,
                e.span().map(|s| line_of(&text, s.start)),
                format!(
                    "{}. Fix it: cargo reads this file.",
                    e.message().trim_end().trim_end_matches('.')
                ),
            )]
        }
    };
    let mut problems = Vec::new();
    let expected = expected(course, package);
    for bin in &expected {
        if !declared.iter().any(|d| d.get_ref().name == bin.name) {
            problems.push(Problem::error(
                INFO_FILE,
                lines.of(&bin.exercise),
                format!(
                    "`{}` has no [[bin]] in {manifest}, so cargo cannot build it. {RUN_SYNC}",
                    bin.name
                ),
            ));
        }
    }
    for spanned in &declared {
        let bin = spanned.get_ref();
        let line = Some(line_of(&text, spanned.span().start));
        let Some(wanted) = expected.iter().find(|e| e.name == bin.name) else {
            problems.push(Problem::error(
                &manifest,
                line,
                format!(
                    "[[bin]] `{}` is no {} of info.toml. {RUN_SYNC}",
                    bin.name,
                    match package {
                        Package::Exercises => "exercise",
                        Package::Solutions => "exercise or route",
                    }
                ),
            ));
            continue;
        };
        if !bin.builds_from(Path::new(&wanted.path)) {
            problems.push(Problem::error(
                &manifest,
                line,
                format!(
                    "[[bin]] `{}` is built from {}, but info.toml puts it in {}/{}. {RUN_SYNC}",
                    bin.name,
                    bin.path
                        .as_deref()
                        .map_or("no `path`".to_string(), |p| format!(
                            "{}/{p}",
                            package.name()
                        )),
                    package.name(),
                    wanted.path
                ),
            ));
        }
    }
    problems
}

/// What `dev sync` did to one manifest.
#[derive(Debug)]
pub struct Synced {
    pub manifest: String,
    pub bins: usize,
    /// False when the manifest already said exactly this.
    pub changed: bool,
}

/// Why a manifest could not be rewritten.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("cannot read {manifest}: {source}. Restore it, then sync again.")]
    Read {
        manifest: String,
        source: std::io::Error,
    },
    #[error("{manifest} is not valid TOML ({source}). Fix it, then sync again.")]
    Parse {
        manifest: String,
        source: toml_edit::TomlError,
    },
    #[error("cannot write {manifest}: {source}. Check that it is writable.")]
    Write {
        manifest: String,
        source: std::io::Error,
    },
}

/// Rewrites the [[bin]] lists of both manifests from info.toml, in course
/// order. Everything else in the files, comments included, stays as it is;
/// the comment above the first [[bin]] stays above the new first one.
pub fn sync(course: &Course) -> Result<Vec<Synced>, SyncError> {
    Package::ALL
        .into_iter()
        // A course written without its solutions (`init`) has no package
        // for them: nothing to keep in step.
        .filter(|p| *p != Package::Solutions || course.root.join(p.manifest()).is_file())
        .map(|package| sync_package(course, package))
        .collect()
}

fn sync_package(course: &Course, package: Package) -> Result<Synced, SyncError> {
    use toml_edit::{value, ArrayOfTables, DocumentMut, Item, Table};

    let manifest = package.manifest();
    let path = course.root.join(&manifest);
    let text = std::fs::read_to_string(&path).map_err(|source| SyncError::Read {
        manifest: manifest.clone(),
        source,
    })?;
    let mut document: DocumentMut = text.parse().map_err(|source| SyncError::Parse {
        manifest: manifest.clone(),
        source,
    })?;
    let first = document
        .get("bin")
        .and_then(Item::as_array_of_tables)
        .and_then(|bins| bins.get(0));
    let comment = first.and_then(|t| t.decor().prefix().cloned());
    let position = first.and_then(Table::position);

    let expected = expected(course, package);
    let mut bins = ArrayOfTables::new();
    for (i, bin) in expected.iter().enumerate() {
        let mut table = Table::new();
        table.insert("name", value(&bin.name));
        table.insert("path", value(&bin.path));
        match (&comment, i) {
            (Some(comment), 0) => table.decor_mut().set_prefix(comment.clone()),
            _ => table.decor_mut().set_prefix("\n"),
        }
        // Where the old list was, so the tables after it stay after it.
        if let Some(position) = position {
            table.set_position(position);
        }
        bins.push(table);
    }
    document.insert("bin", Item::ArrayOfTables(bins));
    let new_text = document.to_string();
    let changed = new_text != text;
    if changed {
        std::fs::write(&path, new_text).map_err(|source| SyncError::Write {
            manifest: manifest.clone(),
            source,
        })?;
    }
    Ok(Synced {
        manifest,
        bins: expected.len(),
        changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each bin's path is the one the course gives its file, relative to
    /// the package: also for an exercise whose `dir` is empty (the
    /// package's own folder), which a path written by hand made absolute.
    #[test]
    fn bin_paths_are_the_course_paths_inside_each_package() {
        let root = tempfile::tempdir().unwrap();
        let info = r#"
format_version = 1
welcome_message = "hi"
final_message = "bye"
[[phases]]
number = 1
title = "One"
summary = "One."
[[exercises]]
name = "top"
phase = 1
dir = ""
mode = "run"
hints = ["a", "b"]
[[exercises]]
name = "deep"
phase = 1
dir = "01_one/"
mode = "run"
hints = ["a", "b"]
[[exercises.routes]]
hint = 2
name = "other"
"#;
        std::fs::write(root.path().join(crate::course::INFO_FILE), info).unwrap();
        let course = Course::load_declared(root.path()).unwrap();
        let paths = |package| -> Vec<(String, String)> {
            expected(&course, package)
                .into_iter()
                .map(|b| (b.name, b.path))
                .collect()
        };
        let pair = |name: &str, path: &str| (name.to_string(), path.to_string());
        assert_eq!(
            paths(Package::Exercises),
            [pair("top", "top.rs"), pair("deep", "01_one/deep.rs")]
        );
        assert_eq!(
            paths(Package::Solutions),
            [
                pair("top", "top.rs"),
                pair("deep", "01_one/deep.rs"),
                pair("deep__other", "01_one/deep__other.rs"),
            ]
        );
    }
}
