//! Which exercises are done, and which one the learner is on.
//!
//! Kept in a small TOML file at the course root, keyed by exercise name so
//! that inserting or renumbering exercises never breaks it. Two runners may
//! share one course (the watcher in one terminal, `run` or `hint` in
//! another), so a save never writes a stale copy: it takes a lock, reads the
//! file afresh, applies this runner's own steps to it, and writes it
//! atomically (a temp file of a unique name, then a rename). A damaged file
//! is set aside as a backup, with a message, and the learner starts from a
//! clean state instead of a crash.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::course::{Course, Exercise};

/// The progress file's name, at the course root.
pub const PROGRESS_FILE: &str = ".asynclings-progress.toml";
/// Held (shared to read, exclusive to write) around every use of the file.
pub const LOCK_FILE: &str = ".asynclings-progress.lock";
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Default, Clone, Debug)]
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
    /// How many times each exercise was checked (`run`, watch mode,
    /// `verify`): an instructor's sign of who is struggling where.
    #[serde(default)]
    checks: BTreeMap<String, u64>,
    /// When each exercise last passed, RFC 3339 UTC to the second
    /// (`2025-06-01T14:05:09Z`): such strings sort as their times do.
    #[serde(default)]
    last_pass: BTreeMap<String, String>,
}

/// One step the learner took in this runner. Saving applies the steps to
/// the file as it is on disk, so another runner's steps are kept. Each is
/// idempotent (applying it twice is applying it once) but `Checked`, a
/// count: `save` applies every step to a file exactly once.
#[derive(Debug, Clone)]
enum Step {
    Done(String),
    /// A reset: the learner chose to start this exercise again.
    Pending(String),
    Current(String),
    /// Hints shown so far; a count never goes down (the larger one wins).
    HintsSeen(String, usize),
    /// One more check of this exercise.
    Checked(String),
    /// It passed at this time (RFC 3339 UTC); the later time wins.
    Passed(String, String),
}

impl Step {
    fn apply(&self, file: &mut ProgressFile) {
        match self {
            Step::Done(name) => {
                file.done.insert(name.clone());
            }
            Step::Pending(name) => {
                file.done.remove(name);
            }
            Step::Current(name) => file.current = Some(name.clone()),
            Step::HintsSeen(name, seen) => {
                let count = file.hints_seen.entry(name.clone()).or_insert(0);
                *count = (*count).max(*seen);
            }
            Step::Checked(name) => *file.checks.entry(name.clone()).or_insert(0) += 1,
            Step::Passed(name, at) => {
                let last = file.last_pass.entry(name.clone()).or_default();
                if at > last {
                    last.clone_from(at);
                }
            }
        }
    }
}

/// The learner's progress through one course.
#[derive(Debug)]
pub struct Progress {
    path: PathBuf,
    /// The file as last read, with this runner's unsaved steps applied.
    view: ProgressFile,
    /// Steps not yet saved.
    unsaved: Vec<Step>,
    /// False when there was no progress file yet: the very first start.
    existed: bool,
}

/// Something about the progress file the learner should know; the course
/// goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The file was damaged: it was moved to `backup`.
    Recovered { backup: PathBuf, reason: String },
    /// The progress file's name is taken by a folder: nothing can be read
    /// or saved, and the folder is the learner's, so it stays.
    Folder,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::Recovered { backup, reason } => write!(
                f,
                "the progress file could not be read ({reason}). It was kept as {}, and progress starts afresh. \
                 To get it back, fix that file and rename it to {PROGRESS_FILE}.",
                backup.display()
            ),
            Warning::Folder => write!(
                f,
                "{}. Until then, progress starts afresh each time and is not saved \
                 (it is kept in a file of that name).",
                folder_error()
            ),
        }
    }
}

/// Why the progress cannot be kept when its name is a folder.
fn folder_error() -> io::Error {
    io::Error::new(
        io::ErrorKind::IsADirectory,
        format!("`{PROGRESS_FILE}` is a folder; move it away"),
    )
}

/// What reading the file found.
enum OnDisk {
    Missing,
    Good(ProgressFile),
    Damaged(String),
}

impl Progress {
    /// Reads the progress of the course at `root`. A missing file is a fresh
    /// start; a damaged one is moved aside and reported in the second value.
    pub fn load(root: &Path) -> io::Result<(Progress, Option<Warning>)> {
        let path = root.join(PROGRESS_FILE);
        if path.is_dir() {
            return Ok((Progress::empty(path), Some(Warning::Folder)));
        }
        // A read-only course can still be read: without its lock if need be.
        let lock = Lock::shared(root).ok();
        let on_disk = match read(&path)? {
            // Maybe a writer outside asynclings; look again, alone, before
            // setting it aside.
            OnDisk::Damaged(_) => {
                drop(lock);
                let _lock = Lock::exclusive(root)?;
                match read(&path)? {
                    OnDisk::Damaged(reason) => {
                        let backup = set_aside(&path)?;
                        let warning = Warning::Recovered { backup, reason };
                        return Ok((Progress::empty(path), Some(warning)));
                    }
                    other => other,
                }
            }
            other => other,
        };
        let progress = match on_disk {
            OnDisk::Good(view) => Progress {
                path,
                view,
                unsaved: Vec::new(),
                existed: true,
            },
            _ => Progress::empty(path),
        };
        Ok((progress, None))
    }

    fn empty(path: PathBuf) -> Progress {
        Progress {
            path,
            view: ProgressFile {
                format_version: FORMAT_VERSION,
                ..ProgressFile::default()
            },
            unsaved: Vec::new(),
            existed: false,
        }
    }

    /// True on the very first start of the course (no progress file yet).
    pub fn is_first_start(&self) -> bool {
        !self.existed
    }

    pub fn is_done(&self, name: &str) -> bool {
        self.view.done.contains(name)
    }

    /// The exercise the learner is on: the one they chose last, else the
    /// first one not done, else the last one.
    pub fn current<'c>(&self, course: &'c Course) -> &'c Exercise {
        self.view
            .current
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
        self.step(Step::Done(name.to_string()));
    }

    pub fn mark_pending(&mut self, name: &str) {
        self.step(Step::Pending(name.to_string()));
    }

    pub fn set_current(&mut self, name: &str) {
        self.step(Step::Current(name.to_string()));
    }

    /// How many hints of this exercise have been shown.
    pub fn hints_seen(&self, name: &str) -> usize {
        self.view.hints_seen.get(name).copied().unwrap_or(0)
    }

    /// Records that one more hint of this exercise was shown.
    pub fn see_hint(&mut self, name: &str, available: usize) -> usize {
        let seen = (self.hints_seen(name) + 1).min(available);
        self.step(Step::HintsSeen(name.to_string(), seen));
        seen
    }

    /// Records one check of this exercise; when it passed, also the time
    /// and that the exercise is done.
    pub fn record_check(&mut self, name: &str, passed: bool) {
        self.step(Step::Checked(name.to_string()));
        if passed {
            let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now());
            self.step(Step::Passed(name.to_string(), now.to_string()));
            self.mark_done(name);
        }
    }

    /// How many times this exercise has been checked.
    pub fn checks(&self, name: &str) -> u64 {
        self.view.checks.get(name).copied().unwrap_or(0)
    }

    /// When this exercise last passed (RFC 3339 UTC), if it ever did.
    pub fn last_pass(&self, name: &str) -> Option<&str> {
        self.view.last_pass.get(name).map(String::as_str)
    }

    /// Not done, and before the current exercise in course order: jumped
    /// over (`jump`, the watch list) and still to do.
    pub fn is_skipped(&self, course: &Course, name: &str) -> bool {
        let position = |name: &str| course.exercises.iter().position(|e| e.name == name);
        let current = position(&self.current(course).name);
        !self.is_done(name) && position(name).is_some_and(|i| Some(i) < current)
    }

    fn step(&mut self, step: Step) {
        step.apply(&mut self.view);
        self.unsaved.push(step);
    }

    /// Merges this runner's steps into the file: under the lock, the file
    /// is read afresh, the steps applied, and the result written
    /// atomically. Afterwards this copy also holds other runners' steps.
    /// A file damaged meanwhile is set aside (the warning says where) and
    /// replaced by this copy.
    pub fn save(&mut self) -> io::Result<Option<Warning>> {
        if self.unsaved.is_empty() {
            return Ok(None);
        }
        if self.path.is_dir() {
            return Err(folder_error());
        }
        let root = self
            .path
            .parent()
            .expect("the progress file is in a folder");
        let _lock = Lock::exclusive(root)?;
        let (mut merged, warning) = match read(&self.path)? {
            OnDisk::Good(file) => (file, None),
            // Deleted to start over: only this runner's steps remain.
            OnDisk::Missing => (Progress::empty(self.path.clone()).view, None),
            OnDisk::Damaged(reason) => {
                let backup = set_aside(&self.path)?;
                (
                    self.view.clone(),
                    Some(Warning::Recovered { backup, reason }),
                )
            }
        };
        // This runner's view holds its steps already: not applied twice.
        if warning.is_none() {
            for step in &self.unsaved {
                step.apply(&mut merged);
            }
        }
        merged.format_version = FORMAT_VERSION;
        let body = toml::to_string(&merged).map_err(io::Error::other)?;
        let text = format!(
            "# Your asynclings progress. Safe to read; `done` lists finished exercises by name.\n\
             # Delete this file to start the course over.\n{body}"
        );
        write_atomically(&self.path, text.as_bytes())?;
        self.view = merged;
        self.unsaved.clear();
        self.existed = true;
        Ok(warning)
    }
}

/// Reads and parses the progress file.
fn read(path: &Path) -> io::Result<OnDisk> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OnDisk::Missing),
        Err(_) if path.is_dir() => return Err(folder_error()),
        Err(e) => return Err(e),
    };
    let parsed = String::from_utf8(bytes)
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
    Ok(parsed.map_or_else(OnDisk::Damaged, OnDisk::Good))
}

/// Moves a damaged file to a backup name that does not overwrite an
/// earlier backup; returns that name.
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let backup = (0..)
        .map(|n| match n {
            0 => path.with_extension("toml.damaged"),
            n => path.with_extension(format!("toml.damaged.{n}")),
        })
        .find(|p| !p.exists())
        .expect("some backup name is free");
    std::fs::rename(path, &backup)?;
    Ok(backup)
}

/// Replaces `path` with `bytes` so that no reader ever sees half a file:
/// a new temp file beside it, then a rename over it. The temp file gets a
/// fresh, unique name and is created exclusively, so nothing already at
/// some name (a planted symlink, another runner's temp file) is followed
/// or shared. An existing file's permissions are kept.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().expect("a file is in a folder");
    let name = path
        .file_name()
        .expect("a file has a name")
        .to_string_lossy();
    let mut builder = tempfile::Builder::new();
    // A hidden name ending in .tmp: not a source file to the watcher, and
    // `.asynclings-progress.toml.*` is in .gitignore.
    let dot = if name.starts_with('.') { "" } else { "." };
    let prefix = format!("{dot}{name}.");
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    let permissions = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666))
    };
    #[cfg(unix)]
    builder.permissions(permissions);
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // On disk before the rename, so a crash leaves the old file or the new.
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The lock file, held until dropped (closing the file releases it).
struct Lock {
    _file: File,
}

impl Lock {
    fn shared(root: &Path) -> io::Result<Lock> {
        let file = Lock::open(root)?;
        // Called by path: Rust 1.89's `File::lock_shared` would shadow fs4's.
        fs4::FileExt::lock_shared(&file)?;
        Ok(Lock { _file: file })
    }

    fn exclusive(root: &Path) -> io::Result<Lock> {
        let file = Lock::open(root)?;
        fs4::FileExt::lock(&file)?;
        Ok(Lock { _file: file })
    }

    fn open(root: &Path) -> io::Result<File> {
        let mut options = File::options();
        options.create(true).truncate(false).write(true);
        // Never create or open a file elsewhere through a planted symlink.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        options.open(root.join(LOCK_FILE)).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot open the lock file {LOCK_FILE} ({e}); if it is a link or a folder, delete it"),
            )
        })
    }
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
        assert_eq!(again.view.current.as_deref(), Some("p1_await"));
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, [LOCK_FILE, PROGRESS_FILE], "no temp file is left");
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_progress_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(PROGRESS_FILE);
        std::fs::write(&file, "done = [\"p1_tables\"\x00garbage").unwrap();
        let (progress, warning) = Progress::load(dir.path()).unwrap();
        let warning = warning.expect("the damage is reported");
        let Warning::Recovered { backup, .. } = &warning else {
            panic!("{warning:?}")
        };
        assert!(!progress.is_done("p1_tables"));
        assert_eq!(
            std::fs::read(backup).unwrap(),
            b"done = [\"p1_tables\"\x00garbage"
        );
        assert!(warning.to_string().contains("progress starts afresh"));
        // A second damaged file does not overwrite the first backup.
        std::fs::write(&file, "nonsense").unwrap();
        let (_, second) = Progress::load(dir.path()).unwrap();
        assert!(
            matches!(&second, Some(Warning::Recovered { backup: b, .. }) if b != backup),
            "{second:?}"
        );
    }

    #[test]
    fn two_copies_merge_their_steps_instead_of_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let (mut watcher, _) = Progress::load(dir.path()).unwrap();
        watcher.mark_done("reset_later");
        watcher.save().unwrap();

        // A second runner, started now: a pass, a reset and two hints.
        let (mut other, _) = Progress::load(dir.path()).unwrap();
        other.mark_done("p1_tables");
        other.mark_pending("reset_later");
        other.see_hint("p1_await", 3);
        other.see_hint("p1_await", 3);
        other.set_current("p1_await");
        other.save().unwrap();

        // The watcher's copy is stale; its own steps go on top of the file.
        watcher.see_hint("p1_await", 3);
        watcher.mark_done("p1_join");
        watcher.save().unwrap();

        let (file, _) = Progress::load(dir.path()).unwrap();
        for progress in [&watcher, &file] {
            assert!(progress.is_done("p1_tables"));
            assert!(progress.is_done("p1_join"));
            assert!(!progress.is_done("reset_later"), "the reset stays");
            assert_eq!(progress.hints_seen("p1_await"), 2, "never fewer hints");
            assert_eq!(progress.view.current.as_deref(), Some("p1_await"));
        }
    }

    #[test]
    fn a_file_from_before_checks_and_pass_times_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(PROGRESS_FILE),
            "format_version = 1\ncurrent = \"p1_await\"\ndone = [\"p1_tables\"]\n\n[hints_seen]\np1_await = 2\n",
        )
        .unwrap();
        let (mut progress, warning) = Progress::load(dir.path()).unwrap();
        assert_eq!(warning, None);
        assert!(progress.is_done("p1_tables"));
        assert_eq!(progress.hints_seen("p1_await"), 2);
        assert_eq!(
            (progress.checks("p1_await"), progress.last_pass("p1_await")),
            (0, None)
        );
        progress.record_check("p1_await", false);
        progress.save().unwrap();
        let (again, _) = Progress::load(dir.path()).unwrap();
        assert_eq!(again.checks("p1_await"), 1);
        assert_eq!(again.hints_seen("p1_await"), 2);
    }

    #[test]
    fn checks_from_two_runners_add_up_and_the_latest_pass_wins() {
        let dir = tempfile::tempdir().unwrap();
        let (mut watcher, _) = Progress::load(dir.path()).unwrap();
        let (mut other, _) = Progress::load(dir.path()).unwrap();
        watcher.record_check("p1_await", false);
        watcher.record_check("p1_await", true);
        watcher.save().unwrap();
        other.record_check("p1_await", false);
        other.save().unwrap();
        // Saving again adds nothing: each check is counted once.
        other.save().unwrap();
        assert_eq!(other.checks("p1_await"), 3);

        let passed = watcher.last_pass("p1_await").unwrap().to_string();
        let at = humantime::parse_rfc3339(&passed).expect("RFC 3339");
        let age = std::time::SystemTime::now().duration_since(at).unwrap();
        assert!(age.as_secs() < 60, "{passed}");
        assert!(passed.ends_with('Z'), "UTC: {passed}");
        // An older time merged in later does not replace a newer one.
        other.step(Step::Passed(
            "p1_await".into(),
            "2001-01-01T00:00:00Z".into(),
        ));
        other.save().unwrap();
        assert_eq!(other.last_pass("p1_await"), Some(passed.as_str()));
    }

    #[test]
    fn a_check_saved_over_a_damaged_file_is_counted_once() {
        let dir = tempfile::tempdir().unwrap();
        let (mut progress, _) = Progress::load(dir.path()).unwrap();
        progress.record_check("p1_await", false);
        std::fs::write(dir.path().join(PROGRESS_FILE), "garbage").unwrap();
        let warning = progress.save().unwrap();
        assert!(
            matches!(warning, Some(Warning::Recovered { .. })),
            "{warning:?}"
        );
        let (again, _) = Progress::load(dir.path()).unwrap();
        assert_eq!(again.checks("p1_await"), 1);
    }
}
