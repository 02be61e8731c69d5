//! The course gate (`asynclings dev check`): everything that must hold for
//! a course, this one or a fork, to be shipped. Each check returns the
//! problems it found, each a sentence with its file, its line where there
//! is one, and what to do; the command prints them and decides the exit.
//!
//! The static checks read files only and take a moment; the slow ones
//! build and run every program ([`programs`]) and lint the solutions
//! ([`lint`]), in parallel ([`parallel`]).

pub mod bins;
pub mod checksums;
pub mod files;
pub mod lint;
pub mod parallel;
pub mod programs;
pub mod taught;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::course::{line_of, Course, CourseError, INFO_FILE};

/// Whether a problem stops the course from shipping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    /// Worth a look, but a course may ship with it.
    Warning,
}

/// One thing wrong with the course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Relative to the course root, with `/` between folders.
    pub file: String,
    /// 1-based.
    pub line: Option<usize>,
    /// What is wrong, and what to do.
    pub message: String,
}

impl Problem {
    pub fn error(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    pub fn warning(
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, line, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The loader's own error about info.toml (or a manifest it read), as
    /// a problem; `None` when it is no problem of the course's text (no
    /// info.toml at all, an unreadable file): then the gate cannot run.
    pub fn from_loader(error: &CourseError, root: &Path) -> Option<Problem> {
        match error {
            CourseError::Invalid {
                path,
                line,
                message,
            } => Some(Problem::error(relative(root, path), *line, message.clone())),
            CourseError::NotFound { .. } | CourseError::Unreadable { .. } => None,
        }
    }
}

/// `FILE:LINE: message`, as compilers say it (the severity is the caller's).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The checks that read files only, in the order a maintainer fixes them:
/// the files info.toml names, the [[bin]] lists, the checksums, then what
/// the course teaches.
pub fn static_checks(course: &Course) -> Vec<Problem> {
    let lines = InfoLines::read(&course.root);
    let mut problems = files::check(course, &lines);
    problems.extend(bins::check(course, &lines));
    problems.extend(checksums::check(course));
    problems.extend(taught::check(course));
    problems
}

/// The line of each exercise's `name` in info.toml, for the problems that
/// point at an exercise. (The loader keeps no lines once it has validated.)
pub struct InfoLines(HashMap<String, usize>);

#[derive(Deserialize)]
struct Names {
    #[serde(default)]
    exercises: Vec<NameOnly>,
}

#[derive(Deserialize)]
struct NameOnly {
    name: Spanned<String>,
}

impl InfoLines {
    pub fn read(root: &Path) -> InfoLines {
        let text = std::fs::read_to_string(root.join(INFO_FILE)).unwrap_or_default();
        // The loader has parsed this text already; no lines is no harm.
        let names: Names = toml::from_str(&text).unwrap_or(Names {
            exercises: Vec::new(),
        });
        InfoLines(
            names
                .exercises
                .into_iter()
                .map(|e| {
                    (
                        e.name.get_ref().clone(),
                        line_of(&text, e.name.span().start),
                    )
                })
                .collect(),
        )
    }

    /// The line where exercise `name` is declared.
    pub fn of(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
    }
}

/// `path` relative to the course root, as the problems name files.
pub fn relative(root: &Path, path: &Path) -> String {
    let path = path.strip_prefix(root).unwrap_or(path);
    path.components()
        .filter(|c| *c != std::path::Component::CurDir)
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
