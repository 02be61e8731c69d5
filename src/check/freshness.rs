//! Ties a verdict to the file's content, not to its mtime.
//!
//! cargo rebuilds a program when its source is newer than the last build.
//! A file whose content changed while its mtime went backwards (`cp -p` of
//! the shipped text, an editor restoring a backup, a symlink pointed at an
//! older file) looks unchanged to it, and the old program would be judged.
//! So each successful build records a checksum of the text it was built
//! from and when it started; before the next build, a file whose content
//! differs but whose mtime is not newer than that start gets its mtime set
//! to now, and cargo rebuilds. Ordinary saves are newer already and are
//! never touched (watch mode would see an extra event).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::originals::checksum;

/// What the last successful build of one program was made from.
pub struct Record {
    path: PathBuf,
}

impl Record {
    /// The record of `bin` in `package` of `workspace`. Test harnesses and
    /// programs are separate builds, with a record each.
    pub fn new(workspace: &Path, package: &str, bin: &str, test_harness: bool) -> Record {
        let kind = if test_harness { "test" } else { "bin" };
        Record {
            path: super::runner_dir::for_package(workspace, package)
                .join("built")
                .join(format!("{bin}.{kind}")),
        }
    }

    /// Makes cargo rebuild `source` if its content (`text`) is not the one
    /// the last build was made from and its mtime does not say so.
    pub fn before_build(&self, source: &Path, text: &str) {
        let Some((sum, started)) = self.read() else {
            return;
        };
        if sum == checksum(text) {
            return;
        }
        // The file's own mtime (a symlink is followed, as cargo does).
        let modified = std::fs::metadata(source).and_then(|m| m.modified());
        if modified.is_ok_and(|m| m > started) {
            return; // newer than the build: cargo sees the change itself
        }
        // Failing that (a file we may not touch), cargo decides as before.
        let _ = std::fs::File::open(source).and_then(|f| f.set_modified(SystemTime::now()));
    }

    /// Records that a build which started at `started` succeeded from `text`.
    pub fn after_build(&self, text: &str, started: SystemTime) {
        let since = started.duration_since(UNIX_EPOCH).unwrap_or_default();
        let line = format!(
            "{} {}.{:09}\n",
            checksum(text),
            since.as_secs(),
            since.subsec_nanos()
        );
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // Written whole, then renamed: a record is never half there.
        let mut partial = self.path.clone().into_os_string();
        partial.push(".partial");
        if std::fs::write(&partial, line).is_ok() {
            let _ = std::fs::rename(&partial, &self.path);
        }
    }

    fn read(&self) -> Option<(String, SystemTime)> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        let (sum, time) = text.trim().split_once(' ')?;
        let (secs, nanos) = time.split_once('.')?;
        let since = Duration::new(secs.parse().ok()?, nanos.parse().ok()?);
        Some((sum.to_string(), UNIX_EPOCH + since))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mtime(path: &Path) -> SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    fn set_mtime(path: &Path, to: SystemTime) {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(to).unwrap();
    }

    #[test]
    fn only_a_changed_file_that_looks_older_is_touched() {
        let workspace = tempfile::tempdir().unwrap();
        let source = workspace.path().join("a.rs");
        let record = Record {
            path: workspace.path().join("record"),
        };
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let build = SystemTime::now() - Duration::from_secs(60);

        // No record yet: nothing is known, nothing is touched.
        std::fs::write(&source, "built").unwrap();
        set_mtime(&source, hour_ago);
        record.before_build(&source, "built");
        assert_eq!(mtime(&source), hour_ago);

        record.after_build("built", build);
        // The same content: untouched, however old.
        record.before_build(&source, "built");
        assert_eq!(mtime(&source), hour_ago);

        // Other content, older than the build: touched, so cargo rebuilds.
        std::fs::write(&source, "copied back").unwrap();
        set_mtime(&source, hour_ago);
        record.before_build(&source, "copied back");
        assert!(mtime(&source) > build);

        // Other content, saved after the build: cargo sees it; untouched.
        let saved = SystemTime::now() - Duration::from_secs(5);
        set_mtime(&source, saved);
        record.before_build(&source, "saved");
        assert_eq!(mtime(&source), saved);
    }
}
