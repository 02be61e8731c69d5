//! Which exercises are done, and which one the learner is on.
//!
//! Kept in a small TOML file at the course root, keyed by exercise name so
//! that inserting or renumbering exercises never breaks it. Written
//! atomically (temp file + rename) so a crash never leaves half a file. A
//! damaged file is set aside as a backup, with a message, and the learner
//! starts from a clean state instead of a crash.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::course::{Course, Exercise};

/// The progress file's name, at the course root.
pub const PROGRESS_FILE: &str = ".asynclings-progress.toml";
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProgressFile {
    format_version: u32,
    /// The exercise the learner is on, by name.
    current: Option<String>,
    /// Done exercises, by name. Names the course no longer has are kept,
    /// so switching branches never loses progress.
    #[serde(default)]
    done: BTreeSet<String>,
    /// How many hints of each exercise the learner has asked for.
    #[serde(default)]
    hints_seen: BTreeMap<String, usize>,
}

/// The learner's progress through one course.
#[derive(Debug)]
pub struct Progress {
    path: PathBuf,
    current: Option<String>,
    done: BTreeSet<String>,
    hints_seen: BTreeMap<String, usize>,
    /// False when there was no progress file yet: the very first start.
    existed: bool,
}

/// What went wrong reading the progress file, recovered from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// Where the damaged file was moved to.
    pub backup: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Recovered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the progress file could not be read ({}). It was kept as {}, and progress starts afresh. \
             To get it back, fix that file and rename it to {PROGRESS_FILE}.",
            self.reason,
            self.backup.display()
        )
    }
}

impl Progress {
    /// Reads the progress of the course at `root`. A missing file is a fresh
    /// start; a damaged one is moved aside and reported in the second value.
    pub fn load(root: &Path) -> io::Result<(Progress, Option<Recovered>)> {
        let path = root.join(PROGRESS_FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok((Progress::empty(path), None));
            }
            Err(e) => return Err(e),
        };
        let parsed = String::from_utf8(text)
            .map_err(|_| "it is not text".to_string())
            .and_then(|text| {
                toml::from_str::<ProgressFile>(&text).map_err(|e| e.message().trim().to_string())
            })
            .and_then(|file| {
                if file.format_version == FORMAT_VERSION {
                    Ok(file)
                } else {
                    Err(format!("unknown format_version {}", file.format_version))
                }
            });
        match parsed {
            Ok(file) => Ok((
                Progress {
                    path,
                    current: file.current,
                    done: file.done,
                    hints_seen: file.hints_seen,
                    existed: true,
                },
                None,
            )),
            Err(reason) => {
                let backup = backup_path(&path);
                std::fs::rename(&path, &backup)?;
                Ok((Progress::empty(path), Some(Recovered { backup, reason })))
            }
        }
    }

    fn empty(path: PathBuf) -> Progress {
        Progress {
            path,
            current: None,
            done: BTreeSet::new(),
            hints_seen: BTreeMap::new(),
            existed: false,
        }
    }

    /// True on the very first start of the course (no progress file yet).
    pub fn is_first_start(&self) -> bool {
        !self.existed
    }

    pub fn is_done(&self, name: &str) -> bool {
        self.done.contains(name)
    }

    /// The exercise the learner is on: the one they chose last, else the
    /// first one not done, else the last one.
    pub fn current<'c>(&self, course: &'c Course) -> &'c Exercise {
        self.current
            .as_deref()
            .and_then(|name| course.find(name))
            .or_else(|| self.next_pending(course, None))
            .unwrap_or_else(|| course.exercises.last().expect("a course has exercises"))
    }

    /// The first exercise not done, looking after `after` first and then
    /// from the start, so skipped exercises are not forgotten.
    pub fn next_pending<'c>(
        &self,
        course: &'c Course,
        after: Option<&str>,
    ) -> Option<&'c Exercise> {
        let start = after
            .and_then(|name| course.exercises.iter().position(|e| e.name == name))
            .map_or(0, |i| i + 1);
        let (before, from) = course.exercises.split_at(start.min(course.exercises.len()));
        from.iter().chain(before).find(|e| !self.is_done(&e.name))
    }

    /// How many of these exercises are done.
    pub fn count_done<'e>(&self, exercises: impl IntoIterator<Item = &'e Exercise>) -> usize {
        exercises
            .into_iter()
            .filter(|e| self.is_done(&e.name))
            .count()
    }

    pub fn all_done(&self, course: &Course) -> bool {
        self.count_done(&course.exercises) == course.exercises.len()
    }

    pub fn mark_done(&mut self, name: &str) {
        self.done.insert(name.to_string());
    }

    pub fn mark_pending(&mut self, name: &str) {
        self.done.remove(name);
    }

    pub fn set_current(&mut self, name: &str) {
        self.current = Some(name.to_string());
    }

    /// How many hints of this exercise have been shown.
    pub fn hints_seen(&self, name: &str) -> usize {
        self.hints_seen.get(name).copied().unwrap_or(0)
    }

    /// Records that one more hint of this exercise was shown.
    pub fn see_hint(&mut self, name: &str, available: usize) -> usize {
        let seen = self.hints_seen.entry(name.to_string()).or_insert(0);
        *seen = (*seen + 1).min(available);
        *seen
    }

    /// Writes the file atomically: a temp file beside it, then a rename.
    pub fn save(&self) -> io::Result<()> {
        let file = ProgressFile {
            format_version: FORMAT_VERSION,
            current: self.current.clone(),
            done: self.done.clone(),
            hints_seen: self.hints_seen.clone(),
        };
        let body = toml::to_string(&file).map_err(io::Error::other)?;
        let text = format!(
            "# Your asynclings progress. Safe to read; `done` lists finished exercises by name.\n\
             # Delete this file to start the course over.\n{body}"
        );
        let tmp = self.path.with_extension("toml.tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &self.path)
    }
}

/// A backup name that does not overwrite an earlier backup.
fn backup_path(path: &Path) -> PathBuf {
    (0..)
        .map(|n| match n {
            0 => path.with_extension("toml.damaged"),
            n => path.with_extension(format!("toml.damaged.{n}")),
        })
        .find(|p| !p.exists())
        .expect("some backup name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_survives_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let (mut progress, recovered) = Progress::load(dir.path()).unwrap();
        assert!(recovered.is_none());
        progress.mark_done("p1_tables");
        progress.set_current("p1_await");
        progress.save().unwrap();
        let (again, _) = Progress::load(dir.path()).unwrap();
        assert!(again.is_done("p1_tables"));
        assert_eq!(again.current.as_deref(), Some("p1_await"));
        assert!(!dir.path().join(".asynclings-progress.toml.tmp").exists());
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_progress_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(PROGRESS_FILE);
        std::fs::write(&file, "done = [\"p1_tables\"\x00garbage").unwrap();
        let (progress, recovered) = Progress::load(dir.path()).unwrap();
        let recovered = recovered.expect("the damage is reported");
        assert!(!progress.is_done("p1_tables"));
        assert_eq!(
            std::fs::read(&recovered.backup).unwrap(),
            b"done = [\"p1_tables\"\x00garbage"
        );
        assert!(recovered.to_string().contains("progress starts afresh"));
        // A second damaged file does not overwrite the first backup.
        std::fs::write(&file, "nonsense").unwrap();
        let (_, second) = Progress::load(dir.path()).unwrap();
        assert_ne!(second.unwrap().backup, recovered.backup);
    }
}
