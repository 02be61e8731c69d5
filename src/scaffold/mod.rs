//! Course folders written from texts embedded in the runner (see build.rs):
//! `asynclings init` writes the shipped course, so that `cargo install`
//! alone gives a learner the course; `asynclings dev new` writes a minimal
//! pack of one's own exercises, from the templates in `templates/pack`.
//!
//! Both are workspaces of the same packages as this repository's course:
//! `exercises`, `solutions` and the support crates, `support` and the tokio
//! facade. A pack gets its own copy of the support crates rather than plain
//! tokio: the runner finds the facade in the course folder (`diagnose`,
//! `timeline`), and the exercises' tests use `support`. Its Cargo.lock is
//! the repository's, so a pack builds the tokio the course was tested with.
//!
//! A folder is written whole or not at all: into a staging folder beside
//! it, renamed into place once complete. An existing folder that is not
//! empty is never written into.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::course::Course;
use crate::gate::bins;
use crate::originals::{self, CHECKSUMS_FILE};

include!(concat!(env!("OUT_DIR"), "/scaffold.rs"));

/// The files of a course folder: path (relative, with `/`) -> text.
type Files = BTreeMap<String, String>;

/// The example exercise of a new pack.
pub const PACK_EXAMPLE: &str = "exercises/01_first_steps/e1_briefing.rs";

/// Why a course folder was not written. Nothing was left behind.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "the folder {} is not empty: asynclings writes a course only into a new or empty \
         folder, so that nothing in it is overwritten. Give another folder: `{command} DIR`.",
        dir.display()
    )]
    NotEmpty { dir: PathBuf, command: &'static str },
    #[error(
        "{} exists and is not a folder. Give the path of a new folder: `{command} DIR`.",
        dir.display()
    )]
    NotAFolder { dir: PathBuf, command: &'static str },
    #[error("cannot write {}: {source}. Check that you may write there, then try again.", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "this asynclings was built from a course whose {path} had been edited since it was \
         shipped (its text does not match {CHECKSUMS_FILE}), so it has no shipped text of it to \
         write. Build asynclings from an unchanged course (`git status` shows the edits), or, if \
         the edit is meant, run `asynclings dev checksums` there first."
    )]
    NoShippedText { path: String },
    #[error("the course written is not whole: {0}")]
    Incomplete(String),
}

/// What was written.
#[derive(Debug)]
pub struct Written {
    /// Its exercises, in course order.
    pub course: Course,
}

/// Writes the shipped course into `dir` (new, or empty), with its
/// solutions when asked.
pub fn write_course(dir: &Path, with_solutions: bool) -> Result<Written, ScaffoldError> {
    let command = "asynclings init";
    check_free(dir, command)?;
    let mut files: Files = COURSE_FILES
        .iter()
        .filter(|(path, _)| with_solutions || !path.starts_with("solutions/"))
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect();
    let checksums = files.get(CHECKSUMS_FILE).cloned().unwrap_or_default();
    for (_, path, _) in originals::checksum_lines(&checksums) {
        let text =
            originals::original(Path::new(path)).ok_or_else(|| ScaffoldError::NoShippedText {
                path: path.to_string(),
            })?;
        files.insert(path.to_string(), text.to_string());
    }
    files.insert("README.md".into(), template("course/README.md").into());
    files.insert("Cargo.toml".into(), workspace_manifest(&files));
    write_new(dir, command, &files, |staging| {
        let course = Course::load_declared(staging).map_err(|e| e.to_string())?;
        // An exercise added without its checksum has no shipped text here.
        for exercise in &course.exercises {
            let path = exercise.path();
            if !staging.join(&path).is_file() {
                return Err(ScaffoldError::NoShippedText {
                    path: path.display().to_string(),
                }
                .to_string());
            }
        }
        Ok(())
    })?;
    loaded(dir)
}

/// Writes a minimal pack into `dir` (new, or empty): one example exercise
/// and its solution, its info.toml, the workspace and the support crates,
/// with the [[bin]] lists and the checksums made from its info.toml.
pub fn write_pack(dir: &Path) -> Result<Written, ScaffoldError> {
    let command = "asynclings dev new";
    check_free(dir, command)?;
    let mut files: Files = COURSE_FILES
        .iter()
        .filter(|(path, _)| {
            path.starts_with("support/")
                || [
                    "Cargo.lock",
                    ".gitignore",
                    "exercises/Cargo.toml",
                    "solutions/Cargo.toml",
                ]
                .contains(path)
        })
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect();
    for (path, text) in TEMPLATES {
        if let Some(path) = path.strip_prefix("pack/") {
            files.insert(path.to_string(), text.to_string());
        }
    }
    files.insert("Cargo.toml".into(), workspace_manifest(&files));
    write_new(dir, command, &files, |staging| {
        // The course's manifests, with the pack's [[bin]]s instead of its.
        let course = Course::load_declared(staging).map_err(|e| e.to_string())?;
        bins::sync(&course).map_err(|e| e.to_string())?;
        let mut sources = Vec::new();
        for exercise in &course.exercises {
            let text = std::fs::read_to_string(staging.join(exercise.path()))
                .map_err(|e| format!("{}: {e}", exercise.path().display()))?;
            sources.push((exercise.path(), text));
        }
        let checksums =
            originals::checksums_file(sources.iter().map(|(p, t)| (p.as_path(), t.as_str())));
        std::fs::write(staging.join(CHECKSUMS_FILE), checksums)
            .map_err(|e| format!("{CHECKSUMS_FILE}: {e}"))
    })?;
    loaded(dir)
}

fn loaded(dir: &Path) -> Result<Written, ScaffoldError> {
    let course =
        Course::load_declared(dir).map_err(|e| ScaffoldError::Incomplete(e.to_string()))?;
    Ok(Written { course })
}

fn template(name: &str) -> &'static str {
    TEMPLATES
        .iter()
        .find(|(path, _)| *path == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("build.rs embeds src/scaffold/templates/{name}"))
}

/// `dir` may be written: it does not exist, or is an empty folder.
fn check_free(dir: &Path, command: &'static str) -> Result<(), ScaffoldError> {
    let dir = dir.to_path_buf();
    match std::fs::read_dir(&dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(ScaffoldError::NotEmpty { dir, command }),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if dir.exists() && !dir.is_dir() => Err(ScaffoldError::NotAFolder { dir, command }),
        Err(source) => Err(ScaffoldError::Write { path: dir, source }),
    }
}

/// Writes `files` into a staging folder, lets `finish` complete it there,
/// then puts it in place: renamed to `dir` when `dir` is new, or, when it
/// is an empty folder (perhaps the current one), staged inside it and its
/// entries moved up, so that `dir` stays the folder it was. On any error
/// `dir` is left as it was found.
fn write_new(
    dir: &Path,
    command: &'static str,
    files: &Files,
    finish: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), ScaffoldError> {
    check_free(dir, command)?;
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Write { path, source }
    };
    let partial = format!(".asynclings-partial-{}", std::process::id());
    let exists = dir.is_dir();
    let staging = if exists {
        dir.join(&partial)
    } else {
        let parent = match dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(parent).map_err(write_error(parent))?;
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        parent.join(format!(".{name}{partial}"))
    };
    let mut moved = Vec::new();
    let written = (|| {
        std::fs::create_dir(&staging).map_err(write_error(&staging))?;
        for (path, text) in files {
            let shown = dir.join(path);
            let path = staging.join(path);
            std::fs::create_dir_all(path.parent().expect("a file in the folder"))
                .and_then(|()| std::fs::write(&path, text))
                .map_err(write_error(&shown))?;
        }
        finish(&staging).map_err(ScaffoldError::Incomplete)?;
        if !exists {
            return std::fs::rename(&staging, dir).map_err(write_error(dir));
        }
        // Nothing else may have come in meanwhile.
        let others = std::fs::read_dir(dir)
            .map_err(write_error(dir))?
            .flatten()
            .any(|entry| entry.file_name() != partial.as_str());
        if others {
            return Err(ScaffoldError::NotEmpty {
                dir: dir.to_path_buf(),
                command,
            });
        }
        for entry in std::fs::read_dir(&staging).map_err(write_error(&staging))? {
            let entry = entry.map_err(write_error(&staging))?;
            let to = dir.join(entry.file_name());
            std::fs::rename(entry.path(), &to).map_err(write_error(&to))?;
            moved.push(to);
        }
        std::fs::remove_dir(&staging).map_err(write_error(&staging))
    })();
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
        for path in moved {
            let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
        }
    }
    written
}

/// The course's workspace manifest, made from the runner's: its
/// `[workspace]` with only the members written here (the runner and the
/// diagnosis are not), and its profiles for the packages there are.
fn workspace_manifest(files: &Files) -> String {
    use toml_edit::{Array, DocumentMut, Item};

    let runner: DocumentMut = RUNNER_MANIFEST
        .parse()
        .expect("cargo has read the runner's manifest, so it is valid TOML");
    let mut document = DocumentMut::new();
    if let Some(workspace) = runner.get("workspace").and_then(Item::as_table) {
        let mut workspace = workspace.clone();
        let members: Array = workspace
            .get("members")
            .and_then(Item::as_array)
            .into_iter()
            .flatten()
            .filter_map(|member| member.as_str())
            .filter(|member| files.contains_key(&format!("{member}/Cargo.toml")))
            .collect();
        workspace.insert("members", toml_edit::value(members));
        workspace.remove("default-members");
        document.insert("workspace", Item::Table(workspace));
    }
    let packages: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.ends_with("Cargo.toml") && path.contains('/'))
        .filter_map(|(_, text)| {
            let manifest: toml::Table = text.parse().ok()?;
            Some(manifest.get("package")?.get("name")?.as_str()?.to_string())
        })
        .collect();
    if let Some(mut profiles) = runner.get("profile").cloned() {
        if let Some(profiles) = profiles.as_table_like_mut() {
            for (_, profile) in profiles.iter_mut() {
                let Some(per_package) = profile
                    .get_mut("package")
                    .and_then(|p| p.as_table_like_mut())
                else {
                    continue;
                };
                let others: Vec<String> = per_package
                    .iter()
                    .map(|(name, _)| name.to_string())
                    .filter(|name| name != "*" && !packages.contains(name))
                    .collect();
                for name in others {
                    per_package.remove(&name);
                }
            }
        }
        document.insert("profile", profiles);
    }
    if let Some(patch) = runner.get("patch") {
        document.insert("patch", patch.clone());
    }
    let solutions = if files.contains_key("solutions/Cargo.toml") {
        ", their solutions"
    } else {
        ""
    };
    format!(
        "# The workspace of this course's packages: the exercises{solutions}\n\
         # and the support crates they build against.\n{document}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course_files(with_solutions: bool) -> Files {
        COURSE_FILES
            .iter()
            .filter(|(path, _)| with_solutions || !path.starts_with("solutions/"))
            .map(|(path, text)| (path.to_string(), text.to_string()))
            .collect()
    }

    #[test]
    fn the_workspace_has_the_members_written_and_their_profiles() {
        let with = workspace_manifest(&course_files(true));
        let manifest: toml::Table = with.parse().unwrap();
        let members = manifest["workspace"]["members"].as_array().unwrap();
        let members: Vec<&str> = members.iter().map(|m| m.as_str().unwrap()).collect();
        assert!(
            members.contains(&"exercises") && members.contains(&"solutions"),
            "{with}"
        );
        assert!(members.contains(&"support"), "{with}");
        assert!(
            !members.contains(&".") && !members.contains(&"diagnosis"),
            "{with}"
        );
        assert!(
            manifest["workspace"].get("default-members").is_none(),
            "{with}"
        );
        let packages = manifest["profile"]["dev"]["package"].as_table().unwrap();
        assert!(
            packages.contains_key("*") && packages.contains_key("solutions"),
            "{with}"
        );

        let without = workspace_manifest(&course_files(false));
        let manifest: toml::Table = without.parse().unwrap();
        let members = manifest["workspace"]["members"].as_array().unwrap();
        assert!(
            !members.iter().any(|m| m.as_str() == Some("solutions")),
            "{without}"
        );
        let packages = manifest["profile"]["dev"]["package"].as_table().unwrap();
        assert!(!packages.contains_key("solutions"), "{without}");
        assert!(packages.contains_key("exercises"), "{without}");
    }

    #[test]
    fn a_folder_with_something_in_it_is_not_free() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_free(dir.path(), "asynclings init").is_ok());
        assert!(check_free(&dir.path().join("new"), "asynclings init").is_ok());
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let error = check_free(dir.path(), "asynclings init").unwrap_err();
        assert!(matches!(error, ScaffoldError::NotEmpty { .. }), "{error}");
        let file = dir.path().join("notes.txt");
        let error = check_free(&file, "asynclings init").unwrap_err();
        assert!(matches!(error, ScaffoldError::NotAFolder { .. }), "{error}");
    }
}
