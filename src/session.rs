//! The session: the course (info.toml) and the learner's progress through
//! it, opened once per run. Below the commands and watch mode, which both
//! use it; it knows nothing of either.

use std::path::PathBuf;

use crate::course::{Course, Exercise};
use crate::progress::Progress;

/// An error for people: a sentence that says what happened and what to do.
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The course and the learner's progress through it.
pub struct Session {
    pub course: Course,
    pub progress: Progress,
}

impl Session {
    /// Loads the course (from `dir`, or found from the current folder) and
    /// the progress file, reporting a recovered progress file on stderr.
    pub fn open(dir: Option<PathBuf>) -> Result<Session> {
        let course = match dir {
            Some(dir) => Course::load(&dir.canonicalize().map_err(|e| {
                format!(
                    "cannot open the course folder {}: {e}. Give the folder that holds info.toml.",
                    dir.display()
                )
            })?)?,
            None => Course::discover(&std::env::current_dir()?)?,
        };
        let (progress, warning) = Progress::load(&course.root).map_err(|e| {
            format!(
                "cannot read the progress file in {}: {e}. Check the folder's permissions.",
                course.root.display()
            )
        })?;
        if let Some(warning) = warning {
            warn(&warning);
        }
        Ok(Session { course, progress })
    }

    /// The named exercise, or the current one.
    pub fn exercise(&self, name: Option<&str>) -> Result<&Exercise> {
        match name {
            None => Ok(self.progress.current(&self.course)),
            Some(name) => self.course.find(name).ok_or_else(|| {
                format!("there is no exercise named `{name}`. `asynclings list` shows them all.")
                    .into()
            }),
        }
    }

    /// Merges this session's steps into the progress file; a warning about
    /// the file (a damaged one set aside) goes to stderr.
    pub fn save(&mut self) -> Result<()> {
        if let Some(warning) = self.save_quietly()? {
            warn(&warning);
        }
        Ok(())
    }

    /// Records one check of an exercise (when it passed, the time and that
    /// it is done) and saves it at once: a failing check counts too, and a check that
    /// cannot be saved is only a warning, never the verdict's end.
    pub fn record_check(&mut self, name: &str, passed: bool) {
        self.progress.record_check(name, passed);
        if let Err(e) = self.save() {
            warn(&e);
        }
    }

    /// Writes the shipped text of exercise `name` back (without git);
    /// returns its path, relative to the course.
    pub fn restore(&self, name: &str) -> Result<PathBuf> {
        let exercise = self.exercise(Some(name))?;
        let path = exercise.path();
        let Some(text) = crate::originals::original(&path) else {
            return Err(format!(
                "this build of asynclings does not know the shipped text of {} (it was built after the file \
                 had been edited). Restore it with `git checkout -- {}` or from a fresh copy of the course.",
                path.display(),
                path.display()
            )
            .into());
        };
        // Written beside it, then renamed: an editor never sees half a file.
        let full = self.course.root.join(&path);
        crate::progress::write_atomically(&full, text.as_bytes()).map_err(|e| {
            format!(
                "could not restore {}: {e}. Check that its folder is writable.",
                path.display()
            )
        })?;
        Ok(path)
    }

    /// Like [`Session::save`], but the warning is returned, for a screen
    /// that shows it its own way.
    pub fn save_quietly(&mut self) -> Result<Option<crate::progress::Warning>> {
        self.progress.save().map_err(|e| {
            let advice = match e.kind() {
                std::io::ErrorKind::IsADirectory => "",
                _ => " Check that the course folder is writable.",
            };
            format!("could not save your progress: {e}.{advice}").into()
        })
    }
}

/// A problem the command goes on after, on stderr.
pub fn warn(what: &dyn std::fmt::Display) {
    eprintln!("{} {what}", console::style("warning:").yellow().bold());
}
