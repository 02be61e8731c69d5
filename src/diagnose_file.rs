//! `asynclings diagnose FILE.rs [--json]`: the course's diagnosis for any
//! single-file async program, outside the course.
//!
//! The file is copied into a scratch cargo package of its own (its own
//! `[workspace]`, so a course folder above it does not adopt it) whose
//! dependencies are the exercises' ones: tokio with `full` and `test-util`,
//! and futures. The course's `Cargo.lock` pins the same versions and the
//! course's target directory is reused, so tokio is not built again. Its
//! tests run first (when it has any), then its `main`, each under the time
//! limit; the verdict is the first failure found. The learner's file is never
//! changed.
//!
//! The program knows nothing of the support library's watchdog, so inside a
//! course the scratch package's `tokio` is the course's tokio facade
//! (support/facade/tokio): all of tokio, except that `#[tokio::main]` and
//! `#[tokio::test]` start the watchdog first. A blocked loop then shows in
//! the run's stderr (`asynclings: event loop blocked for at least N ms`),
//! with the learner's source untouched. Where that cannot be (no course, a
//! runtime built by hand), a blocked loop is told from the source and from
//! timing failures instead.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use crate::check::{self, CheckError, Target};
use crate::outcome::{CompilerMessage, Finding, Mode, Outcome, SCHEMA_VERSION};
use crate::render;

/// The version of the JSON object that `diagnose --json` prints
/// (docs/diagnose-json.md).
pub const DIAGNOSE_SCHEMA: u32 = 1;

/// How to diagnose a file.
#[derive(Debug, Clone)]
pub struct DiagnoseOptions {
    /// The course folder, when there is one: its `Cargo.lock` and `target/`
    /// are reused. Without it, a cache folder under the system's temp dir.
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
    let outcome = check_file(path, options)?;
    if json {
        println!("{}", to_json(&outcome));
    } else {
        print!("{}", render::outcome(&outcome, render::Detail::Full));
        if outcome.passed() && outcome.mistakes.is_empty() {
            println!("No classic async mistake found.");
        }
    }
    Ok(outcome.passed() && outcome.mistakes.is_empty())
}

/// Builds and runs `path` in a scratch package, and diagnoses it.
pub fn check_file(path: &Path, options: &DiagnoseOptions) -> Result<Outcome, DiagnoseError> {
    let shown = path.display().to_string();
    if path.extension().is_none_or(|e| e != "rs") {
        return Err(DiagnoseError::NotRust { path: shown });
    }
    let source = std::fs::read_to_string(path).map_err(|source| DiagnoseError::Read {
        path: shown.clone(),
        source,
    })?;
    let stem = bin_name(path);
    let scratch = Scratch::create(options.course_root.as_deref(), &stem, &source)?;

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
            bin: stem.clone(),
            source: scratch.source.clone(),
            display_path: shown.clone(),
            mode,
            timeout: options.timeout,
            expected_output: None,
        };
        let mut outcome = check::check(&target)?;
        outcome.name = stem.clone();
        outcome.path = shown.clone();
        let failed = !outcome.passed();
        last = Some(outcome);
        if failed {
            break;
        }
    }
    Ok(last.expect("at least one mode is checked"))
}

/// The package name of every scratch package.
pub const SCRATCH_PACKAGE: &str = "asynclings-scratch";

/// The manifest of a scratch package with these `[[bin]]`s (name, path).
/// With `facade` (the course's tokio facade package folder), the program's
/// `tokio` is the facade, so its `main` and tests run under the watchdog;
/// without it, plain tokio. The profile matches the course's, so the
/// dependencies built for the course are reused as they are.
pub fn scratch_manifest(bins: &[(String, PathBuf)], facade: Option<&Path>) -> String {
    let tokio = match facade {
        Some(dir) => format!(
            "# The course's tokio facade under the name `tokio`: tokio itself, whose\n\
             # `main` and `test` attributes also start the event loop's watchdog.\n\
             tokio = {{ package = \"{FACADE_PACKAGE}\", path = \"{}\" }}\n",
            toml_path(dir)
        ),
        None => "tokio = { version = \"1\", features = [\"full\", \"test-util\"] }\n".to_string(),
    };
    let mut manifest = format!(
        "[package]\nname = \"{SCRATCH_PACKAGE}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\nautobins = false\n\n\
         # A workspace of its own: a course folder above must not adopt it.\n[workspace]\n\n\
         [dependencies]\n{tokio}futures = \"0.3\"\n\n\
         [profile.dev.package.\"*\"]\ndebug = false\n"
    );
    for (name, path) in bins {
        manifest.push_str(&format!(
            "\n[[bin]]\nname = \"{name}\"\npath = \"{}\"\n",
            toml_path(path)
        ));
    }
    manifest
}

/// The package name of the course's tokio facade.
pub const FACADE_PACKAGE: &str = "asynclings-tokio-facade";

/// Where the course's tokio facade lives, when `course_root` has one.
///
/// Outside a course (or in a course folder without it) there is no facade:
/// the program builds against plain tokio, nothing watches its loop, and the
/// diagnosis falls back on the source evidence.
pub fn facade_dir(course_root: Option<&Path>) -> Option<PathBuf> {
    let dir = course_root?.join("support").join("facade").join("tokio");
    dir.join("Cargo.toml").is_file().then_some(dir)
}

/// A path as a TOML basic string's contents.
fn toml_path(path: &Path) -> String {
    path.display()
        .to_string()
        .replace('\\', "/")
        .replace('"', "\\\"")
}

/// Where scratch packages live and build: the course's target directory,
/// or a cache under the temp dir.
pub fn scratch_home(course_root: Option<&Path>) -> (PathBuf, PathBuf) {
    match course_root {
        Some(root) => {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("target"));
            (target.join("asynclings-scratch"), target)
        }
        None => {
            let home = std::env::temp_dir().join("asynclings-diagnose");
            (home.join("packages"), home.join("target"))
        }
    }
}

/// Writes a scratch package: manifest, lock file, cargo config and source.
pub fn write_scratch_package(
    dir: &Path,
    target_dir: &Path,
    course_root: Option<&Path>,
    bins: &[(String, PathBuf)],
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join(".cargo"))?;
    let facade = facade_dir(course_root);
    write_if_changed(
        &dir.join("Cargo.toml"),
        &scratch_manifest(bins, facade.as_deref()),
    )?;
    let config = format!(
        "[build]\ntarget-dir = \"{}\"\n",
        target_dir.display().to_string().replace('\\', "/")
    );
    write_if_changed(&dir.join(".cargo").join("config.toml"), &config)?;
    if let Some(root) = course_root {
        if let Ok(lock) = std::fs::read_to_string(root.join("Cargo.lock")) {
            write_if_changed(&dir.join("Cargo.lock"), &lock)?;
        }
    }
    Ok(())
}

/// Leaves a file alone when it already says this, so cargo's fingerprints
/// stay fresh.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text)
}

struct Scratch {
    dir: PathBuf,
    source: PathBuf,
}

impl Scratch {
    fn create(
        course_root: Option<&Path>,
        stem: &str,
        source: &str,
    ) -> Result<Scratch, DiagnoseError> {
        let (home, target) = scratch_home(course_root);
        let dir = home.join(stem);
        let file = dir.join("src").join(format!("{stem}.rs"));
        let fail = |source| DiagnoseError::Scratch {
            dir: dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir.join("src")).map_err(fail)?;
        write_scratch_package(
            &dir,
            &target,
            course_root,
            &[(stem.to_string(), PathBuf::from(format!("src/{stem}.rs")))],
        )
        .map_err(fail)?;
        write_if_changed(&file, source).map_err(fail)?;
        Ok(Scratch { dir, source: file })
    }
}

/// A bin name cargo accepts, from the file's stem.
fn bin_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "program_");
    }
    name
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

/// The `diagnose --json` object (docs/diagnose-json.md).
#[derive(Serialize)]
struct DiagnoseJson<'a> {
    schema: u32,
    file: &'a str,
    verdict: crate::outcome::Verdict,
    /// Which run gave the verdict: "test" or "run".
    stage: Mode,
    summary: &'a str,
    mistakes: &'a [Finding],
    notes: &'a [Finding],
    errors: Vec<JsonError<'a>>,
    outcome_schema: u32,
    duration_ms: u64,
}

#[derive(Serialize)]
struct JsonError<'a> {
    code: Option<&'a str>,
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
}

impl<'a> From<&'a CompilerMessage> for JsonError<'a> {
    fn from(m: &'a CompilerMessage) -> Self {
        JsonError {
            code: m.code.as_deref(),
            message: &m.message,
            line: m.line,
            column: m.column,
        }
    }
}

/// One JSON object for programs to read.
pub fn to_json(outcome: &Outcome) -> String {
    let json = DiagnoseJson {
        schema: DIAGNOSE_SCHEMA,
        file: &outcome.path,
        verdict: outcome.verdict,
        stage: outcome.mode,
        summary: &outcome.summary,
        mistakes: &outcome.mistakes,
        notes: &outcome.notes,
        errors: outcome.errors().map(JsonError::from).collect(),
        outcome_schema: SCHEMA_VERSION,
        duration_ms: outcome.timings.total_ms,
    };
    serde_json::to_string(&json).expect("plain data always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Verdict;

    #[test]
    fn bin_names_are_cargo_safe() {
        assert_eq!(bin_name(Path::new("/x/my-prog.rs")), "my_prog");
        assert_eq!(bin_name(Path::new("2fast.rs")), "program_2fast");
    }

    #[test]
    fn tests_and_main_are_found_by_parsing() {
        let src = "// #[test] in a comment\nfn main() {}\n#[tokio::test]\nasync fn t() {}\n";
        assert!(has_tests(src) && has_main(src));
        assert!(!has_tests("fn main() {}"));
        assert!(!has_main("#[test]\nfn t() {}"));
    }

    #[test]
    fn manifest_has_its_own_workspace_and_the_course_profile() {
        let m = scratch_manifest(&[("prog".into(), PathBuf::from("src/prog.rs"))], None);
        assert!(m.contains("[workspace]"));
        assert!(m.contains("\"full\", \"test-util\""));
        assert!(m.contains("[profile.dev.package.\"*\"]"));
        let parsed: toml::Value = toml::from_str(&m).unwrap();
        assert_eq!(parsed["bin"][0]["name"].as_str(), Some("prog"));
    }

    #[test]
    fn manifest_names_the_facade_tokio_inside_a_course() {
        let bins = [("prog".into(), PathBuf::from("src/prog.rs"))];
        let m = scratch_manifest(&bins, Some(Path::new("/course/support/facade/tokio")));
        let parsed: toml::Value = toml::from_str(&m).unwrap();
        let tokio = &parsed["dependencies"]["tokio"];
        assert_eq!(tokio["package"].as_str(), Some(FACADE_PACKAGE));
        assert_eq!(tokio["path"].as_str(), Some("/course/support/facade/tokio"));
        assert!(parsed["dependencies"]["futures"].is_str());
    }

    #[test]
    fn the_facade_is_found_in_this_course_only() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let facade = facade_dir(Some(repo)).expect("the course ships the facade");
        let manifest = std::fs::read_to_string(facade.join("Cargo.toml")).unwrap();
        assert!(manifest.contains(&format!("name = \"{FACADE_PACKAGE}\"")));
        assert_eq!(facade_dir(None), None);
        assert_eq!(facade_dir(Some(&repo.join("src"))), None);
    }

    #[test]
    fn json_has_the_documented_fields() {
        let mut o = crate::diagnosis::testing::outcome(Verdict::TimedOut);
        o.mistakes.push(Finding {
            id: "deadlock".into(),
            line: 3,
            column: 5,
            message: "m".into(),
            confidence: 0.5,
        });
        let v: serde_json::Value = serde_json::from_str(&to_json(&o)).unwrap();
        assert_eq!(v["schema"], 1);
        assert_eq!(v["verdict"], "timed-out");
        assert_eq!(v["mistakes"][0]["id"], "deadlock");
        assert_eq!(v["mistakes"][0]["line"], 3);
        assert!(v["notes"].as_array().unwrap().is_empty());
    }
}
