//! `asynclings diagnose FILE.rs [--json]`: the course's diagnosis for any
//! single-file async program, outside the course.
//!
//! The file is copied into a scratch cargo package of its own (its own
//! `[workspace]`, so a course folder above it does not adopt it) whose
//! dependencies are the exercises' ones: tokio with `full` and `test-util`,
//! and futures. Inside a course, the course's `Cargo.lock` pins the same
//! versions and the course's target directory is reused, so tokio is not
//! built again; outside one, a private folder of the user's cache is used.
//! Its tests run first (when it has any), then its `main`, each under the
//! time limit; the verdict is the first failure found. The learner's file is
//! never changed.
//!
//! The program knows nothing of the support library's watchdog, so inside a
//! course the scratch package's `tokio` is the course's tokio facade
//! (support/facade/tokio): all of tokio, except that `#[tokio::main]` and
//! `#[tokio::test]` start the watchdog first. A blocked loop then shows in
//! the run's stderr (an event line, `asynclings-event: {"event":"loop-blocked","ms":N}`),
//! with the learner's source untouched. Where that cannot be (no course, a
//! runtime built by hand), a blocked loop is told from the source and from
//! timing failures instead.

mod bin_name; // the file's name -> a bin name cargo accepts
mod json; // the `--json` object
mod private_dir; // outside a course: the user's private cache folder
mod scratch; // the scratch package: where, what it says, its lock

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::check::{CheckError, Target};
use crate::diagnosis::check_and_diagnose;
use crate::outcome::{Mode, Outcome};
use crate::render;

pub use bin_name::bin_name;
pub use json::{to_json, DIAGNOSE_SCHEMA};
pub use scratch::{
    facade_dir, scratch_manifest, Purpose, Scratch, FACADE_PACKAGE, SCRATCH_PACKAGE,
};

/// How many notes the human report shows: a generated file can have
/// thousands, and the mistake must stay in view. `--json` keeps them all.
const NOTES_SHOWN: usize = 20;

/// How to diagnose a file.
#[derive(Debug, Clone)]
pub struct DiagnoseOptions {
    /// The course folder, when there is one: its `Cargo.lock` and `target/`
    /// are reused. Without it, a private folder of the user's cache.
    pub course_root: Option<PathBuf>,
    /// The time limit of each run (tests, then main).
    pub timeout: Duration,
}

impl Default for DiagnoseOptions {
    fn default() -> Self {
        DiagnoseOptions {
            course_root: None,
            timeout: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DiagnoseError {
    #[error("cannot read {path}: {source}. Check the path and try again.")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a Rust file: give the path of a single `.rs` file.")]
    NotRust { path: String },
    #[error(
        "cannot prepare a scratch package in {dir}: {source}. Make that folder writable, \
         or run `diagnose` from a course folder (its target/ is used instead)."
    )]
    Scratch { dir: String, source: std::io::Error },
    #[error(
        "{dir} is not safe to build in: it {reason}, so another user could put files there \
         that cargo would run as you. Remove it and run `diagnose` again: it is then \
         created readable by you only."
    )]
    Unsafe { dir: String, reason: String },
    #[error(
        "cannot find your cache folder (HOME is not set), where `diagnose` builds outside \
         a course. Set HOME (or XDG_CACHE_HOME), or run `diagnose` from a course folder."
    )]
    NoCache,
    #[error(transparent)]
    Check(#[from] CheckError),
}

/// Diagnoses `path` and prints the result (human text, or one JSON object
/// with `json`). Returns whether the program is fine: it passed and no
/// mistake was found (exit 0), or not (exit 1).
pub fn diagnose_file(
    path: &Path,
    json: bool,
    options: &DiagnoseOptions,
) -> Result<bool, DiagnoseError> {
    Ok(print_outcome(check_file(path, options)?, json))
}

/// Prints a diagnosed outcome (human text, or one JSON object with
/// `json`); whether the program is fine, as [`diagnose_file`] says.
pub fn print_outcome(mut outcome: Outcome, json: bool) -> bool {
    let fine = outcome.passed() && outcome.mistakes.is_empty();
    if json {
        println!("{}", to_json(&outcome));
        return fine;
    }
    let hidden = outcome.notes.len().saturating_sub(NOTES_SHOWN);
    outcome.notes.truncate(NOTES_SHOWN);
    print!("{}", render::outcome(&outcome, render::Detail::Full));
    if hidden > 0 {
        let more = format!("... and {hidden} more notes (--json shows all)");
        println!("{}", console::style(more).dim());
    }
    if fine {
        println!("No classic async mistake found.");
    }
    fine
}

/// Builds and runs `path` in a scratch package, and diagnoses it.
pub fn check_file(path: &Path, options: &DiagnoseOptions) -> Result<Outcome, DiagnoseError> {
    let shown = path.display().to_string();
    if path.extension().is_none_or(|e| e != "rs") {
        return Err(DiagnoseError::NotRust { path: shown });
    }
    let read_error = |source| DiagnoseError::Read {
        path: shown.clone(),
        source,
    };
    let source = std::fs::read_to_string(path).map_err(read_error)?;
    // The scratch package is the file's own: two `prog.rs` in two folders
    // are two programs.
    let canonical = path.canonicalize().map_err(read_error)?;
    // The generated manifest names the course's facade from the scratch
    // package's folder: a relative `--course` must not stay relative.
    let course_root = match &options.course_root {
        Some(root) => Some(
            std::path::absolute(root).map_err(|source| DiagnoseError::Scratch {
                dir: root.display().to_string(),
                source,
            })?,
        ),
        None => None,
    };
    let bin = bin_name::bin_name(path);
    let scratch = scratch::Scratch::prepare(
        course_root.as_deref(),
        &canonical,
        &bin,
        &source,
        Purpose::Diagnose,
    )?;

    let has_tests = has_tests(&source);
    let has_main = has_main(&source);
    let mut modes = Vec::new();
    if has_tests {
        modes.push(Mode::Test);
    }
    if has_main || !has_tests {
        modes.push(Mode::Run);
    }
    let mut last = None;
    for mode in modes {
        let target = Target {
            workspace: scratch.dir.clone(),
            package: SCRATCH_PACKAGE.to_string(),
            bin: bin.clone(),
            source: scratch.source.clone(),
            display_path: shown.clone(),
            mode,
            timeout: options.timeout,
            expected_output: None,
            shipped_tests: None,
        };
        let mut outcome = check_and_diagnose(&target, &mut |_| {})?;
        outcome.name = bin.clone();
        outcome.path = shown.clone();
        let failed = !outcome.passed();
        last = Some(outcome);
        if failed {
            break;
        }
    }
    Ok(last.expect("at least one mode is checked"))
}

/// Does the file have tests? (Parsed: a `#[test]` in a comment does not count.)
fn has_tests(source: &str) -> bool {
    struct T(bool);
    impl<'ast> syn::visit::Visit<'ast> for T {
        fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
            let last = a.path().segments.last().map(|s| s.ident.to_string());
            if last.as_deref() == Some("test") {
                self.0 = true;
            }
        }
    }
    match syn::parse_file(source) {
        Ok(file) => {
            let mut t = T(false);
            syn::visit::Visit::visit_file(&mut t, &file);
            t.0
        }
        Err(_) => source.contains("#[test]") || source.contains("::test"),
    }
}

fn has_main(source: &str) -> bool {
    match syn::parse_file(source) {
        Ok(file) => file
            .items
            .iter()
            .any(|i| matches!(i, syn::Item::Fn(f) if f.sig.ident == "main")),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_and_main_are_found_by_parsing() {
        let src = "// #[test] in a comment\nfn main() {}\n#[tokio::test]\nasync fn t() {}\n";
        assert!(has_tests(src) && has_main(src));
        assert!(!has_tests("fn main() {}"));
        assert!(!has_main("#[test]\nfn t() {}"));
    }
}
