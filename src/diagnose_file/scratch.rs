//! The scratch package a file is built in: one per file, keyed by the
//! file's canonical path, locked while a run uses it. Its manifest and cargo
//! config are written with the toml crate, so any path (quotes, backslashes)
//! is written as it is.
//!
//! Inside a course, scratch packages live in the course's target directory
//! and build there, next to the course's dependencies. Outside a course,
//! they live in the user's private cache folder (see `private_dir`).

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{private_dir, DiagnoseError};

/// The package name of every scratch package.
pub const SCRATCH_PACKAGE: &str = "asynclings-scratch";

/// The package name of the course's tokio facade.
pub const FACADE_PACKAGE: &str = "asynclings-tokio-facade";

/// What a scratch package is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `diagnose`: the facade as it is, so the compiler's messages name
    /// tokio's own items.
    Diagnose,
    /// `timeline`: the facade with its `record` feature, so the program's
    /// tasks are recorded.
    Timeline,
}

/// A scratch package ready to build, and the lock that keeps it ours
/// until it is dropped.
pub struct Scratch {
    /// The package folder (where cargo runs).
    pub dir: PathBuf,
    /// The copy of the learner's file that is built.
    pub source: PathBuf,
    /// Where it builds.
    pub target: PathBuf,
    _lock: File,
}

impl Scratch {
    /// Writes the package for the file at `canonical` (its text is
    /// `source`) as the bin `bin`. `course_root` must be absolute.
    ///
    /// Waits while another `diagnose` uses the bin name: cargo copies every
    /// program it builds to `<target>/debug/<bin>`, one file for every
    /// package that builds in that target dir, so two runs of files with the
    /// same name would run each other's program.
    pub fn prepare(
        course_root: Option<&Path>,
        canonical: &Path,
        bin: &str,
        source: &str,
        purpose: Purpose,
    ) -> Result<Scratch, DiagnoseError> {
        let (packages, target) = match course_root {
            Some(root) => {
                let target = crate::check::runner_dir::target_dir(root);
                (target.join(SCRATCH_PACKAGE), target)
            }
            None => {
                let home = private_dir::diagnose_home()?;
                (home.join("packages"), home.join("target"))
            }
        };
        let key = path_key(canonical);
        // A package of its own for each purpose: switching between them
        // rebuilds nothing.
        let (dir, key) = match purpose {
            Purpose::Diagnose => (packages.join(format!("{bin}-{key}")), key),
            Purpose::Timeline => (
                packages.join(format!("{bin}-{key}-timeline")),
                format!("{key}t"),
            ),
        };
        let fail = |source| DiagnoseError::Scratch {
            dir: dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir.join("src")).map_err(fail)?;
        let lock = lock(&packages.join(format!("{bin}.lock")), bin).map_err(fail)?;

        let file = dir.join("src").join(format!("{bin}.rs"));
        let bins = [(bin.to_string(), PathBuf::from(format!("src/{bin}.rs")))];
        // cargo tells packages apart by name, version and path *within
        // their workspace*, the same for every scratch package: without a
        // version of its own, one file's program passes as another's, fresh.
        let version = format!("0.0.0-h{key}");
        let record = purpose == Purpose::Timeline;
        let target = if record {
            target.join("timeline")
        } else {
            target
        };
        write_scratch_package(&dir, &version, &target, course_root, &bins, record).map_err(fail)?;
        write_if_changed(&file, source).map_err(fail)?;
        Ok(Scratch {
            dir,
            source: file,
            target,
            _lock: lock,
        })
    }
}

/// Opens and locks `path`, saying so on stderr when it has to wait.
fn lock(path: &Path, bin: &str) -> std::io::Result<File> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    // Called by path: Rust 1.89's `File::lock` would shadow fs4's, and the
    // course supports older Rust.
    match fs4::FileExt::try_lock(&file) {
        Ok(()) => {}
        Err(fs4::TryLockError::WouldBlock) => {
            eprintln!("Waiting for another `diagnose` of a file named {bin}.rs to finish...");
            fs4::FileExt::lock(&file)?;
        }
        Err(fs4::TryLockError::Error(e)) => return Err(e),
    }
    Ok(file)
}

/// A short name for a path that stays the same from one run (and one Rust
/// release) to the next: the checksum of its bytes.
fn path_key(path: &Path) -> String {
    crate::originals::checksum_bytes(path.as_os_str().as_encoded_bytes())
}

/// Where the course's tokio facade lives, when `course_root` has one.
///
/// Outside a course (or in a course folder without it) there is no facade:
/// the program builds against plain tokio, nothing watches its loop, and the
/// diagnosis falls back on the source evidence.
pub fn facade_dir(course_root: Option<&Path>) -> Option<PathBuf> {
    let dir = course_root?.join("support").join("facade").join("tokio");
    dir.join("Cargo.toml").is_file().then_some(dir)
}

/// Written above the generated manifest, for whoever opens it.
const MANIFEST_HEADER: &str = "\
# Written by `asynclings diagnose` on every run: edits here are lost.
# A workspace of its own, so a course folder above does not adopt it.
# Inside a course, `tokio` is the course's tokio facade: tokio itself, whose
# `main` and `test` attributes also start the event loop's watchdog.
";

#[derive(Serialize)]
struct Manifest<'a> {
    package: Package<'a>,
    workspace: BTreeMap<String, String>,
    dependencies: BTreeMap<&'static str, Dependency>,
    profile: Profile,
    bin: Vec<Bin<'a>>,
}

#[derive(Serialize)]
struct Package<'a> {
    name: &'static str,
    version: &'a str,
    edition: &'static str,
    publish: bool,
    autobins: bool,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Dependency {
    Version(&'static str),
    Features {
        version: &'static str,
        features: &'static [&'static str],
    },
    Renamed {
        package: &'static str,
        path: String,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        features: &'static [&'static str],
    },
}

/// `[profile.dev.package."*"] debug = false`, as the course has it.
#[derive(Serialize)]
struct Profile {
    dev: DevProfile,
}

#[derive(Serialize)]
struct DevProfile {
    package: BTreeMap<&'static str, NoDebug>,
}

#[derive(Serialize)]
struct NoDebug {
    debug: bool,
}

#[derive(Serialize)]
struct Bin<'a> {
    name: &'a str,
    path: String,
}

/// The manifest of a scratch package with these `[[bin]]`s (name, path).
/// With `facade` (the course's tokio facade package folder), the program's
/// `tokio` is the facade, so its `main` and tests run under the watchdog;
/// without it, plain tokio. The profile matches the course's, so the
/// dependencies built for the course are reused as they are.
pub fn scratch_manifest(bins: &[(String, PathBuf)], facade: Option<&Path>) -> String {
    manifest("0.0.0", bins, facade, false)
}

/// [`scratch_manifest`], with the package's version; `record` turns on the
/// facade's recorder.
fn manifest(
    version: &str,
    bins: &[(String, PathBuf)],
    facade: Option<&Path>,
    record: bool,
) -> String {
    let tokio = match facade {
        Some(dir) => Dependency::Renamed {
            package: FACADE_PACKAGE,
            path: toml_path(dir),
            features: if record { &["record"] } else { &[] },
        },
        None => Dependency::Features {
            version: "1",
            features: &["full", "test-util"],
        },
    };
    let manifest = Manifest {
        package: Package {
            name: SCRATCH_PACKAGE,
            version,
            edition: "2021",
            publish: false,
            autobins: false,
        },
        workspace: BTreeMap::new(),
        dependencies: BTreeMap::from([("tokio", tokio), ("futures", Dependency::Version("0.3"))]),
        profile: Profile {
            dev: DevProfile {
                package: BTreeMap::from([("*", NoDebug { debug: false })]),
            },
        },
        bin: bins
            .iter()
            .map(|(name, path)| Bin {
                name,
                path: toml_path(path),
            })
            .collect(),
    };
    let body = toml::to_string(&manifest).expect("strings and booleans always serialize");
    format!("{MANIFEST_HEADER}\n{body}")
}

#[derive(Serialize)]
struct Config {
    build: Build,
}

#[derive(Serialize)]
struct Build {
    #[serde(rename = "target-dir")]
    target_dir: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    rustflags: &'static [&'static str],
}

/// Where tokio can dump its tasks' await traces (its `taskdump` feature),
/// which a recording build turns on: what each task of a hung program
/// waits on.
pub const TASK_DUMPS: bool = cfg!(all(
    target_os = "linux",
    any(
        target_arch = "aarch64",
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "s390x"
    )
));

/// The scratch package's `.cargo/config.toml`: where it builds. A
/// recording build needs tokio built with `--cfg tokio_unstable` (for its
/// task dumps), so it builds in a target dir of its own: the flag would
/// otherwise rebuild every dependency each time `diagnose` and `timeline`
/// take turns.
fn cargo_config(target_dir: &Path, record: bool) -> String {
    let config = Config {
        build: Build {
            target_dir: toml_path(target_dir),
            rustflags: if record && TASK_DUMPS {
                &["--cfg", "tokio_unstable"]
            } else {
                &[]
            },
        },
    };
    toml::to_string(&config).expect("strings always serialize")
}

/// A path as TOML text. TOML is UTF-8, so cargo cannot be told of a path
/// that is not; `write_scratch_package` refuses those first.
fn toml_path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Writes a scratch package: manifest, lock file and cargo config.
fn write_scratch_package(
    dir: &Path,
    version: &str,
    target_dir: &Path,
    course_root: Option<&Path>,
    bins: &[(String, PathBuf)],
    record: bool,
) -> std::io::Result<()> {
    let facade = facade_dir(course_root);
    for path in [Some(dir), Some(target_dir), facade.as_deref()]
        .into_iter()
        .flatten()
    {
        if path.to_str().is_none() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "cargo's files cannot name {}, whose name is not valid UTF-8; \
                     rename the folder",
                    path.display()
                ),
            ));
        }
    }
    std::fs::create_dir_all(dir.join(".cargo"))?;
    write_if_changed(
        &dir.join("Cargo.toml"),
        &manifest(version, bins, facade.as_deref(), record),
    )?;
    write_if_changed(
        &dir.join(".cargo").join("config.toml"),
        &cargo_config(target_dir, record),
    )?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> toml::Value {
        toml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn manifest_has_its_own_workspace_and_the_course_profile() {
        let m = parse(&scratch_manifest(
            &[("prog".into(), PathBuf::from("src/prog.rs"))],
            None,
        ));
        assert!(m["workspace"].as_table().unwrap().is_empty());
        assert_eq!(m["package"]["name"].as_str(), Some(SCRATCH_PACKAGE));
        assert_eq!(m["package"]["autobins"].as_bool(), Some(false));
        let features = m["dependencies"]["tokio"]["features"].as_array().unwrap();
        assert_eq!(features.len(), 2);
        assert_eq!(
            m["profile"]["dev"]["package"]["*"]["debug"].as_bool(),
            Some(false)
        );
        assert_eq!(m["bin"][0]["name"].as_str(), Some("prog"));
        assert_eq!(m["bin"][0]["path"].as_str(), Some("src/prog.rs"));
    }

    #[test]
    fn manifest_names_the_facade_tokio_inside_a_course() {
        let bins = [("prog".into(), PathBuf::from("src/prog.rs"))];
        let m = parse(&scratch_manifest(
            &bins,
            Some(Path::new("/course/support/facade/tokio")),
        ));
        let tokio = &m["dependencies"]["tokio"];
        assert_eq!(tokio["package"].as_str(), Some(FACADE_PACKAGE));
        assert_eq!(tokio["path"].as_str(), Some("/course/support/facade/tokio"));
        assert!(m["dependencies"]["futures"].is_str());
    }

    #[test]
    fn paths_with_quotes_and_backslashes_are_written_as_they_are() {
        let odd = r#"/it's "odd"\dir"#;
        let m = parse(&scratch_manifest(&[], Some(Path::new(odd))));
        assert_eq!(m["dependencies"]["tokio"]["path"].as_str(), Some(odd));
        let c = parse(&cargo_config(Path::new(odd), false));
        assert_eq!(c["build"]["target-dir"].as_str(), Some(odd));
    }

    /// A recording build turns on the facade's recorder and, where tokio can
    /// dump its tasks, builds with `tokio_unstable`; `diagnose`'s does
    /// neither.
    #[test]
    fn a_recording_build_records_and_can_dump_tasks() {
        let facade = Path::new("/course/support/facade/tokio");
        let m = parse(&manifest("0.0.0", &[], Some(facade), true));
        assert_eq!(
            m["dependencies"]["tokio"]["features"][0].as_str(),
            Some("record")
        );
        let plain = parse(&manifest("0.0.0", &[], Some(facade), false));
        assert!(plain["dependencies"]["tokio"].get("features").is_none());
        let flags = |record| {
            parse(&cargo_config(Path::new("/t"), record))["build"]
                .get("rustflags")
                .map(|f| f.to_string())
        };
        assert_eq!(flags(false), None);
        if TASK_DUMPS {
            assert_eq!(
                flags(true).as_deref(),
                Some(r#"["--cfg", "tokio_unstable"]"#)
            );
        }
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
    fn each_path_has_its_own_stable_key() {
        let a = path_key(Path::new("/a/prog.rs"));
        assert_eq!(a, path_key(Path::new("/a/prog.rs")));
        assert_ne!(a, path_key(Path::new("/b/prog.rs")));
        assert_eq!(a.len(), 16);
    }
}
