//! The course: info.toml read once, validated, and turned into an ordered
//! list of exercises. Every error names the file, the line and what to do.

use std::collections::HashSet;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::catalogue::MistakeId;
use crate::outcome::Mode;

/// The only info.toml format this runner understands.
pub const FORMAT_VERSION: u32 = 1;
/// The name of the course file at the course root.
pub const INFO_FILE: &str = "info.toml";
/// How long a program may run when info.toml does not say.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest a program may be given to run (by info.toml's
/// `timeout_secs` or `diagnose --timeout-secs`): an hour.
pub const MAX_TIMEOUT_SECS: u64 = 3600;
/// The manifest of the exercises package, relative to the course root.
pub const EXERCISES_MANIFEST: &str = "exercises/Cargo.toml";

/// A phase of the course, such as "Why async exists".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub number: u32,
    pub title: String,
    pub summary: String,
}

/// One exercise, as info.toml describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    pub name: String,
    pub phase: u32,
    pub dir: String,
    pub mode: Mode,
    pub mistakes: Vec<MistakeId>,
    pub hints: Vec<String>,
    /// The other ways to pass that a hint proposes, each proven by a
    /// program of its own beside the reference solution.
    pub routes: Vec<Route>,
    pub timeout: Duration,
    pub expected_output: Option<String>,
}

impl Exercise {
    /// The exercise file, relative to the course root.
    pub fn path(&self) -> PathBuf {
        Path::new("exercises")
            .join(&self.dir)
            .join(format!("{}.rs", self.name))
    }

    /// The reference solution, relative to the course root.
    pub fn solution_path(&self) -> PathBuf {
        Path::new("solutions")
            .join(&self.dir)
            .join(format!("{}.rs", self.name))
    }

    /// The `[[bin]]` name of a route's proof in the solutions package.
    pub fn route_bin(&self, route: &Route) -> String {
        format!("{}__{}", self.name, route.name)
    }

    /// The proof of a route, relative to the course root.
    pub fn route_path(&self, route: &Route) -> PathBuf {
        Path::new("solutions")
            .join(&self.dir)
            .join(format!("{}.rs", self.route_bin(route)))
    }
}

/// A fix that a hint proposes and the reference solution does not take.
/// `solutions/<dir>/<exercise>__<name>.rs` makes exactly that change and
/// passes; the course tests prove it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Which hint proposes it (1 is the first hint).
    pub hint: usize,
    /// A short name: the file and `[[bin]]` of the proof end in `__<name>`.
    pub name: String,
}

/// The whole course, in order.
#[derive(Debug, Clone)]
pub struct Course {
    /// The folder that holds info.toml.
    pub root: PathBuf,
    pub welcome_message: String,
    pub final_message: String,
    pub phases: Vec<Phase>,
    pub exercises: Vec<Exercise>,
}

/// Why a course could not be loaded.
#[derive(Debug)]
pub enum CourseError {
    /// No info.toml in this folder or any above it.
    NotFound { searched_from: PathBuf },
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Something in info.toml is wrong; `line` is 1-based.
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
}

impl fmt::Display for CourseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CourseError::NotFound { searched_from } => write!(
                f,
                "no {INFO_FILE} found in {} or any folder above it.\n\
                 Run asynclings from the course folder (the one with {INFO_FILE} and exercises/).",
                searched_from.display()
            ),
            CourseError::Unreadable { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            CourseError::Invalid {
                path,
                line: Some(line),
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
            CourseError::Invalid {
                path,
                line: None,
                message,
            } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for CourseError {}

// The file as written. `deny_unknown_fields` turns a typo in a key into an
// error with its line instead of a silently ignored setting.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCourse {
    format_version: Spanned<u32>,
    welcome_message: String,
    final_message: String,
    #[serde(default)]
    phases: Vec<RawPhase>,
    #[serde(default)]
    exercises: Vec<RawExercise>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    number: Spanned<u32>,
    title: String,
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    name: Spanned<String>,
    phase: Spanned<u32>,
    dir: Spanned<String>,
    mode: Mode,
    #[serde(default)]
    mistakes: Vec<Spanned<String>>,
    hints: Spanned<Vec<String>>,
    #[serde(default)]
    routes: Vec<Spanned<Route>>,
    timeout_secs: Option<Spanned<u64>>,
    expected_output: Option<String>,
}

impl Course {
    /// Finds info.toml in `start` or the nearest folder above it, and loads it.
    pub fn discover(start: &Path) -> Result<Course, CourseError> {
        Course::load(&Course::find_root(start)?)
    }

    /// The folder that holds info.toml: `start` or the nearest one above it.
    pub fn find_root(start: &Path) -> Result<PathBuf, CourseError> {
        start
            .ancestors()
            .find(|dir| dir.join(INFO_FILE).is_file())
            .map(Path::to_path_buf)
            .ok_or_else(|| CourseError::NotFound {
                searched_from: start.to_path_buf(),
            })
    }

    /// Loads and validates `root/info.toml`.
    pub fn load(root: &Path) -> Result<Course, CourseError> {
        Course::parse(root, &read_info(root)?)
    }

    /// Loads and validates `root/info.toml` alone, without comparing it
    /// with the exercise files and the [[bin]]s of exercises/Cargo.toml:
    /// for `dev check`, which reports each of those itself, and `dev sync`,
    /// which mends the [[bin]] lists.
    pub fn load_declared(root: &Path) -> Result<Course, CourseError> {
        Course::parse_with(root, &read_info(root)?, FileChecks::Skip)
    }

    /// Parses info.toml text; file checks are made against `root`.
    pub fn parse(root: &Path, text: &str) -> Result<Course, CourseError> {
        Course::parse_with(root, text, FileChecks::Make)
    }

    fn parse_with(root: &Path, text: &str, files: FileChecks) -> Result<Course, CourseError> {
        let path = root.join(INFO_FILE);
        let invalid = |at: Option<usize>, message: String| CourseError::Invalid {
            path: path.clone(),
            line: at.map(|offset| line_of(text, offset)),
            message,
        };
        let raw: RawCourse = toml::from_str(text).map_err(|e| {
            invalid(
                e.span().map(|s| s.start),
                format!(
                    "{}. Fix that entry and start again.",
                    e.message().trim_end().trim_end_matches('.')
                ),
            )
        })?;

        if *raw.format_version.get_ref() != FORMAT_VERSION {
            return Err(invalid(
                Some(raw.format_version.span().start),
                format!(
                    "format_version {} is not one this runner knows (it reads {FORMAT_VERSION}). \
                     Update asynclings (git pull) or fix the number.",
                    raw.format_version.get_ref()
                ),
            ));
        }

        let mut phases = Vec::new();
        for p in raw.phases {
            let number = *p.number.get_ref();
            if phases.iter().any(|known: &Phase| known.number == number) {
                return Err(invalid(
                    Some(p.number.span().start),
                    format!("phase {number} is listed twice. Give each phase its own number."),
                ));
            }
            phases.push(Phase {
                number,
                title: p.title,
                summary: p.summary,
            });
        }

        let mut names = HashSet::new();
        let mut exercises = Vec::new();
        let mut last_phase = 0;
        for e in raw.exercises {
            let name = e.name.get_ref().clone();
            let at = Some(e.name.span().start);
            if !is_identifier(&name) {
                return Err(invalid(
                    at,
                    format!(
                        "exercise name `{name}` must be a Rust identifier in snake_case \
                         (letters, digits and _), since it is also the [[bin]] name."
                    ),
                ));
            }
            let dir = e.dir.get_ref();
            if !stays_inside(dir) {
                return Err(invalid(
                    Some(e.dir.span().start),
                    format!(
                        "exercise `{name}` has dir = \"{dir}\", which leaves the exercises folder. \
                         Give a folder inside exercises/, such as \"01_why_async\" (no `..`, not an absolute path)."
                    ),
                ));
            }
            if !names.insert(name.clone()) {
                return Err(invalid(
                    at,
                    format!("exercise `{name}` is listed twice. Names must be unique: rename or remove one."),
                ));
            }
            let phase = *e.phase.get_ref();
            if !phases.iter().any(|p| p.number == phase) {
                return Err(invalid(
                    Some(e.phase.span().start),
                    format!("exercise `{name}` is in phase {phase}, but no [[phases]] entry has number = {phase}. Add the phase or fix the number."),
                ));
            }
            if phase < last_phase {
                return Err(invalid(
                    Some(e.phase.span().start),
                    format!("exercise `{name}` (phase {phase}) comes after an exercise of phase {last_phase}. List the exercises in course order, phase by phase."),
                ));
            }
            last_phase = phase;
            let mut mistakes = Vec::new();
            for id in &e.mistakes {
                let Ok(mistake) = id.get_ref().parse::<MistakeId>() else {
                    let known: Vec<&str> = MistakeId::ALL.iter().map(|m| m.as_str()).collect();
                    return Err(invalid(
                        Some(id.span().start),
                        format!(
                            "exercise `{name}` names the mistake `{}`, which is not in the catalogue. Known ids: {}.",
                            id.get_ref(),
                            known.join(", ")
                        ),
                    ));
                };
                mistakes.push(mistake);
            }
            if e.hints.get_ref().is_empty() {
                return Err(invalid(
                    Some(e.hints.span().start),
                    format!(
                        "exercise `{name}` has no hints. Give at least one, the gentlest first."
                    ),
                ));
            }
            for route in &e.routes {
                let r = route.get_ref();
                if r.hint == 0 || r.hint > e.hints.get_ref().len() || !is_identifier(&r.name) {
                    return Err(invalid(
                        Some(route.span().start),
                        format!(
                            "exercise `{name}` has a route `{}` for hint {}: give the number of one of its {} hints (1 is the first) and a name made of letters, digits and `_`.",
                            r.name,
                            r.hint,
                            e.hints.get_ref().len()
                        ),
                    ));
                }
            }
            match (e.mode, &e.expected_output) {
                (Mode::Output, None) => {
                    return Err(invalid(
                        at,
                        format!("exercise `{name}` has mode = \"output\" but no expected_output. Add what its main must print."),
                    ))
                }
                (Mode::Test | Mode::Run, Some(_)) => {
                    return Err(invalid(
                        at,
                        format!("exercise `{name}` has an expected_output, which only mode = \"output\" uses. Remove it or change the mode."),
                    ))
                }
                _ => {}
            }
            let timeout = match &e.timeout_secs {
                Some(secs) if !(1..=MAX_TIMEOUT_SECS).contains(secs.get_ref()) => {
                    return Err(invalid(
                        Some(secs.span().start),
                        format!(
                            "exercise `{name}` has timeout_secs = {}. Give it from 1 to {MAX_TIMEOUT_SECS} seconds (an hour), or leave it out for the default of {}.",
                            secs.get_ref(),
                            DEFAULT_TIMEOUT.as_secs()
                        ),
                    ))
                }
                Some(secs) => Duration::from_secs(*secs.get_ref()),
                None => DEFAULT_TIMEOUT,
            };
            let exercise = Exercise {
                name,
                phase,
                dir: e.dir.get_ref().clone(),
                mode: e.mode,
                mistakes,
                hints: e.hints.into_inner(),
                routes: e.routes.into_iter().map(|r| r.into_inner()).collect(),
                timeout,
                expected_output: e.expected_output,
            };
            // A shipped exercise the learner deleted is not a broken course:
            // `reset` brings it back. A file nobody shipped is a typo here.
            let shipped = crate::originals::original(&exercise.path()).is_some();
            if files == FileChecks::Make && !shipped && !root.join(exercise.path()).is_file() {
                return Err(invalid(
                    Some(e.dir.span().start),
                    format!(
                        "exercise `{}` should be in {}, but there is no such file. Fix its `dir` or `name`, or add the file.",
                        exercise.name,
                        exercise.path().display(),
                    ),
                ));
            }
            exercises.push((exercise, e.dir.span().start));
        }
        if exercises.is_empty() {
            return Err(invalid(
                None,
                "the course has no [[exercises]]. Add at least one.".into(),
            ));
        }
        if files == FileChecks::Make {
            check_bins(root, &exercises, &invalid)?;
        }
        let exercises = exercises.into_iter().map(|(e, _)| e).collect();

        Ok(Course {
            root: root.to_path_buf(),
            welcome_message: raw.welcome_message,
            final_message: raw.final_message,
            phases,
            exercises,
        })
    }

    pub fn find(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.name == name)
    }

    pub fn phase(&self, number: u32) -> Option<&Phase> {
        self.phases.iter().find(|p| p.number == number)
    }

    /// The exercises of one phase, in course order.
    pub fn in_phase(&self, number: u32) -> impl Iterator<Item = &Exercise> {
        self.exercises.iter().filter(move |e| e.phase == number)
    }
}

/// Whether loading compares info.toml with the files it names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FileChecks {
    Make,
    Skip,
}

fn read_info(root: &Path) -> Result<String, CourseError> {
    let path = root.join(INFO_FILE);
    std::fs::read_to_string(&path).map_err(|source| CourseError::Unreadable { path, source })
}

/// A `dir` is a relative path that stays inside exercises/ (and solutions/).
fn stays_inside(dir: &str) -> bool {
    Path::new(dir)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// Checks that cargo builds each exercise from the file the runner reads
/// (`dir` and `name` in info.toml, `[[bin]]` in exercises/Cargo.toml):
/// otherwise the verdict would be about another file. `exercises` carry
/// the offset of their `dir` in info.toml. Without the manifest there is
/// nothing to compare, and cargo itself says what is missing.
fn check_bins(
    root: &Path,
    exercises: &[(Exercise, usize)],
    invalid: &dyn Fn(Option<usize>, String) -> CourseError,
) -> Result<(), CourseError> {
    let path = root.join(EXERCISES_MANIFEST);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(());
    };
    let in_manifest = |at: Option<usize>, message: String| CourseError::Invalid {
        path: path.clone(),
        line: at.map(|offset| line_of(&text, offset)),
        message,
    };
    let declared = crate::declared_bins::parse(&text).map_err(|e| {
        in_manifest(
            e.span().map(|s| s.start),
            format!(
                "{}. Fix that entry and start again.",
                e.message().trim_end().trim_end_matches('.')
            ),
        )
    })?;
    for (exercise, dir_at) in exercises {
        let expected = Path::new(&exercise.dir).join(format!("{}.rs", exercise.name));
        let fix = format!(
            "[[bin]] name = \"{}\" path = \"{}\"",
            exercise.name,
            expected.display()
        );
        let Some(bin) = declared.iter().find(|b| b.get_ref().name == exercise.name) else {
            return Err(invalid(
                Some(*dir_at),
                format!(
                    "exercise `{}` has no [[bin]] in {EXERCISES_MANIFEST}, so cargo cannot build it. Add {fix} there.",
                    exercise.name
                ),
            ));
        };
        if !bin.get_ref().builds_from(&expected) {
            let from = match bin.get_ref().path.as_deref() {
                Some(built) => format!(
                    "builds its [[bin]] from {}",
                    Path::new("exercises").join(built).display()
                ),
                None => "gives its [[bin]] no `path`".to_string(),
            };
            return Err(invalid(
                Some(*dir_at),
                format!(
                    "exercise `{}` is {} here, but {EXERCISES_MANIFEST}:{} {from}. Make them agree: \
                     fix this `dir`, or make that entry {fix}.",
                    exercise.name,
                    exercise.path().display(),
                    line_of(&text, bin.span().start),
                ),
            ));
        }
    }
    Ok(())
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = r#"
format_version = 1
welcome_message = "hi"
final_message = "bye"

[[phases]]
number = 1
title = "Why async exists"
summary = "Waiting is slow."
"#;

    /// A course folder with these exercise files, each a [[bin]] of
    /// exercises/Cargo.toml.
    fn course_dir(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = String::from("[package]\nname = \"exercises\"\n");
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "fn main() {}\n").unwrap();
            let bin = f.strip_prefix("exercises/").unwrap();
            let name = Path::new(bin).file_stem().unwrap().to_str().unwrap();
            manifest += &format!("\n[[bin]]\nname = \"{name}\"\npath = \"{bin}\"\n");
        }
        if !files.is_empty() {
            std::fs::write(dir.path().join(EXERCISES_MANIFEST), manifest).unwrap();
        }
        dir
    }

    fn exercise(name: &str, extra: &str) -> String {
        format!(
            "\n[[exercises]]\nname = \"{name}\"\nphase = 1\ndir = \"01\"\nmode = \"test\"\nhints = [\"look\"]\n{extra}\n"
        )
    }

    fn parse(dir: &tempfile::TempDir, body: &str) -> Result<Course, CourseError> {
        Course::parse(dir.path(), &format!("{HEADER}{body}"))
    }

    #[test]
    fn a_valid_course_loads_in_order() {
        let dir = course_dir(&["exercises/01/a.rs", "exercises/01/b.rs"]);
        let course = parse(
            &dir,
            &(exercise("a", "") + &exercise("b", "timeout_secs = 3")),
        )
        .unwrap();
        let names: Vec<_> = course.exercises.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(course.exercises[0].timeout, DEFAULT_TIMEOUT);
        assert_eq!(course.exercises[1].timeout, Duration::from_secs(3));
        assert_eq!(course.exercises[0].path(), Path::new("exercises/01/a.rs"));
    }

    fn error_of(dir: &tempfile::TempDir, body: &str) -> String {
        parse(dir, body).unwrap_err().to_string()
    }

    #[test]
    fn an_unknown_key_names_its_line() {
        let dir = course_dir(&["exercises/01/a.rs"]);
        let err = error_of(&dir, &exercise("a", "timout_secs = 3"));
        // HEADER has 9 lines; the typo is on line 17.
        assert!(err.contains("info.toml:17:"), "{err}");
        assert!(err.contains("timout_secs"), "{err}");
    }

    #[test]
    fn a_duplicate_name_is_an_error() {
        let dir = course_dir(&["exercises/01/a.rs"]);
        let err = error_of(&dir, &(exercise("a", "") + &exercise("a", "")));
        assert!(err.contains("listed twice"), "{err}");
        assert!(err.contains("info.toml:20:"), "{err}");
    }

    #[test]
    fn a_missing_file_is_an_error() {
        let dir = course_dir(&[]);
        let err = error_of(&dir, &exercise("a", ""));
        assert!(err.contains("exercises/01/a.rs"), "{err}");
        assert!(err.contains("no such file"), "{err}");
    }

    #[test]
    fn an_unknown_mistake_id_is_an_error() {
        let dir = course_dir(&["exercises/01/a.rs"]);
        let err = error_of(&dir, &exercise("a", "mistakes = [\"missing-awaits\"]"));
        assert!(
            err.contains("`missing-awaits`, which is not in the catalogue"),
            "{err}"
        );
        // Its line, as for an unknown key, and every id it could have been.
        assert!(err.contains("info.toml:17:"), "{err}");
        assert!(
            err.contains("Known ids: missing-await, unawaited-future,"),
            "{err}"
        );
        let course = parse(&dir, &exercise("a", "mistakes = [\"missing-await\"]")).unwrap();
        assert_eq!(course.exercises[0].mistakes, [MistakeId::MissingAwait]);
    }

    #[test]
    fn output_mode_needs_expected_output() {
        let dir = course_dir(&["exercises/01/a.rs"]);
        let body = exercise("a", "").replace("mode = \"test\"", "mode = \"output\"");
        assert!(error_of(&dir, &body).contains("no expected_output"));
    }

    #[test]
    fn an_unknown_phase_is_an_error() {
        let dir = course_dir(&["exercises/01/a.rs"]);
        let body = exercise("a", "").replace("phase = 1", "phase = 7");
        assert!(error_of(&dir, &body).contains("no [[phases]] entry has number = 7"));
    }

    #[test]
    fn a_dir_that_leaves_the_exercises_folder_is_refused() {
        let dir = course_dir(&["exercises/01/a.rs"]);
        for outside in ["../01", "01/../../01", "/tmp"] {
            let body = exercise("a", "").replace("dir = \"01\"", &format!("dir = \"{outside}\""));
            let err = error_of(&dir, &body);
            // HEADER has 9 lines; `dir` is on line 14.
            assert!(err.contains("info.toml:14:"), "{err}");
            assert!(err.contains("leaves the exercises folder"), "{err}");
        }
        let body = exercise("a", "").replace("dir = \"01\"", "dir = \"./01\"");
        assert!(parse(&dir, &body).is_ok());
    }

    #[test]
    fn the_bin_must_be_built_from_the_exercise_file() {
        let dir = course_dir(&["exercises/01/a.rs", "exercises/02/a.rs"]);
        // Both files exist; the manifest's [[bin]] `a` (its first) builds 01/a.rs.
        let manifest =
            "[package]\nname = \"exercises\"\n\n[[bin]]\nname = \"a\"\npath = \"01/a.rs\"\n";
        std::fs::write(dir.path().join(EXERCISES_MANIFEST), manifest).unwrap();
        let body = exercise("a", "").replace("dir = \"01\"", "dir = \"02\"");
        let err = error_of(&dir, &body);
        assert!(err.contains("info.toml:14:"), "{err}");
        assert!(err.contains("exercises/Cargo.toml:4"), "{err}");
        assert!(err.contains("exercises/01/a.rs"), "{err}");
        assert!(err.contains("path = \"02/a.rs\""), "the fix: {err}");

        std::fs::write(
            dir.path().join(EXERCISES_MANIFEST),
            "[package]\nname = \"exercises\"\n",
        )
        .unwrap();
        let err = error_of(&dir, &body);
        assert!(err.contains("has no [[bin]]"), "{err}");
    }

    #[test]
    fn timeouts_are_bounded() {
        let dir = course_dir(&["exercises/01/a.rs"]);
        assert!(parse(&dir, &exercise("a", "timeout_secs = 3600")).is_ok());
        for secs in ["0", "3601", "86400"] {
            let err = error_of(&dir, &exercise("a", &format!("timeout_secs = {secs}")));
            // HEADER has 9 lines; the extra key is on line 17.
            assert!(err.contains("info.toml:17:"), "{err}");
            assert!(err.contains("from 1 to 3600 seconds"), "{err}");
        }
    }

    #[test]
    fn a_future_format_version_is_refused() {
        let dir = course_dir(&["exercises/01/a.rs"]);
        let text = format!("{HEADER}{}", exercise("a", ""))
            .replace("format_version = 1", "format_version = 2");
        let err = Course::parse(dir.path(), &text).unwrap_err().to_string();
        assert!(err.contains("format_version 2"), "{err}");
    }
}
