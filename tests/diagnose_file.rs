//! `asynclings diagnose FILE.rs` on files from anywhere: where it builds,
//! which scratch package a file gets, and how much it shows.
//!
//! Outside a course, cargo is replaced by `false`: those tests are about the
//! scratch folder, not the build, and need no network. Inside a course (this
//! repository), the test run's shared target dir keeps tokio built once.

mod common;

#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{json, repo, shared_target_dir, stderr, stdout};

const PASSES: &str = "fn main() {\n    println!(\"fine\");\n}\n";

fn asynclings() -> Command {
    Command::new(env!("CARGO_BIN_EXE_asynclings"))
}

/// `diagnose` in this repository's course, building in the shared target dir.
fn in_course(file: &Path) -> Command {
    let mut command = asynclings();
    command
        .arg("--course")
        .arg(repo())
        .args(["diagnose", "--timeout-secs", "20"])
        .arg(file)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .env("TERM", "dumb")
        .env_remove("NO_COLOR");
    command
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file
}

fn show(output: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    )
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

// ---- outside a course: a private, per-user scratch folder ----------------

/// A machine with no course: a home, a cache and a temp dir of its own, and
/// one program to diagnose.
struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    fn new() -> Outside {
        let outside = Outside {
            dir: tempfile::tempdir().unwrap(),
        };
        for folder in ["home", "cache", "tmp", "work"] {
            std::fs::create_dir_all(outside.dir.path().join(folder)).unwrap();
        }
        write(&outside.dir.path().join("work"), "prog.rs", PASSES);
        outside
    }

    /// Where diagnose's scratch packages must live: the user's cache.
    fn scratch_folder(&self) -> PathBuf {
        self.dir.path().join("cache/asynclings/diagnose")
    }

    fn diagnose(&self) -> Output {
        let root = self.dir.path();
        asynclings()
            .args(["diagnose", "prog.rs"])
            .current_dir(root.join("work"))
            .env("HOME", root.join("home"))
            .env("XDG_CACHE_HOME", root.join("cache"))
            .env("TMPDIR", root.join("tmp"))
            // The folder is the point here: no build, no network.
            .env("CARGO", "false")
            .env_remove("CARGO_TARGET_DIR")
            .output()
            .unwrap()
    }

    /// Diagnose refuses the scratch folder, saying why and what to do.
    fn assert_refused(&self, why: &str) {
        let output = self.diagnose();
        let error = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{}", show(&output));
        assert!(
            error.contains(&self.scratch_folder().display().to_string())
                && error.contains("not safe")
                && error.contains(why)
                && error.contains("Remove it"),
            "{}",
            show(&output)
        );
        assert!(
            !self.dir.path().join("tmp/asynclings-diagnose").exists(),
            "no shared temp folder is used instead"
        );
    }
}

#[test]
fn outside_a_course_scratch_packages_live_in_a_private_cache_folder() {
    let outside = Outside::new();
    let output = outside.diagnose();
    assert!(!stderr(&output).contains("not safe"), "{}", show(&output));
    let folder = outside.scratch_folder();
    assert!(
        folder.is_dir(),
        "{} is created: {}",
        folder.display(),
        show(&output)
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&folder), 0o700, "{}", folder.display());
        assert_eq!(mode(folder.parent().unwrap()), 0o700);
    }
    let packages: Vec<_> = std::fs::read_dir(folder.join("packages"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("Cargo.toml").is_file())
        .collect();
    assert_eq!(packages.len(), 1, "the scratch package is in the cache");
    assert!(!outside.dir.path().join("tmp/asynclings-diagnose").exists());
}

#[cfg(unix)] // Unix file modes and owners
#[test]
fn a_scratch_folder_others_can_write_to_is_refused() {
    let outside = Outside::new();
    let folder = outside.scratch_folder();
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).unwrap();
    outside.assert_refused("writable by other users");
    assert!(
        !folder.join("packages").exists(),
        "nothing is written there"
    );
}

#[cfg(unix)] // Unix file modes and owners
#[test]
fn a_scratch_folder_of_another_user_is_refused() {
    let outside = Outside::new();
    let folder = outside.scratch_folder();
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    const NOBODY: u32 = 65534;
    if let Err(e) = std::os::unix::fs::chown(&folder, Some(NOBODY), Some(NOBODY)) {
        eprintln!("skipped: only root can give a folder to another user ({e})");
        return;
    }
    outside.assert_refused("belongs to another user");
    assert!(
        !folder.join("packages").exists(),
        "nothing is written there"
    );
}

#[test]
fn a_symlinked_scratch_folder_is_refused() {
    let outside = Outside::new();
    let folder = outside.scratch_folder();
    let elsewhere = outside.dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(folder.parent().unwrap()).unwrap();
    #[cfg(unix)]
    {
        for private in [&elsewhere, &folder.parent().unwrap().to_path_buf()] {
            std::fs::set_permissions(private, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        std::os::unix::fs::symlink(&elsewhere, &folder).unwrap();
    }
    #[cfg(windows)]
    if let Err(e) = std::os::windows::fs::symlink_dir(&elsewhere, &folder) {
        eprintln!("skipped: Windows makes symbolic links only with a privilege ({e})");
        return;
    }
    outside.assert_refused("symbolic link");
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "nothing is written through the link"
    );
}

// ---- inside a course: one scratch package per file ---------------------

#[test]
fn two_programs_with_the_same_name_each_get_their_own_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let fine = write(&dir.path().join("a"), "twin_prog.rs", PASSES);
    let broken = write(
        &dir.path().join("b"),
        "twin_prog.rs",
        "fn main() {\n    panic!(\"the other twin\");\n}\n",
    );
    // Both at once, as two terminals would.
    let mut children: Vec<_> = [&fine, &broken]
        .iter()
        .map(|file| {
            in_course(file)
                .arg("--json")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let broken_out = children.pop().unwrap().wait_with_output().unwrap();
    let fine_out = children.pop().unwrap().wait_with_output().unwrap();
    assert_eq!(json(&fine_out)["verdict"], "passed", "{}", show(&fine_out));
    assert_eq!(
        json(&broken_out)["verdict"],
        "panicked",
        "{}",
        show(&broken_out)
    );
}

#[test]
fn files_named_like_cargo_folders_or_not_identifiers_are_diagnosed() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for stem in ["build", "deps", "examples", "incremental", "my-prog", "1st"] {
        let file = write(dir.path(), &format!("{stem}.rs"), PASSES);
        let output = in_course(&file).arg("--json").output().unwrap();
        let passed = output.status.code() == Some(0)
            && serde_json::from_slice::<serde_json::Value>(&output.stdout)
                .is_ok_and(|v| v["verdict"] == "passed");
        if !passed {
            failures.push(format!("{stem}.rs: {}", show(&output)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_relative_course_folder_is_found_from_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "relative_course.rs", PASSES);
    let output = asynclings()
        .args(["--course", ".", "diagnose", "--json"])
        .arg(&file)
        .current_dir(repo())
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .output()
        .unwrap();
    assert_eq!(json(&output)["verdict"], "passed", "{}", show(&output));
}

#[cfg(unix)] // Windows names cannot hold `"`
#[test]
fn a_target_dir_with_quotes_in_its_name_works() {
    // A link to the shared target dir, so tokio is not built again.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(shared_target_dir()).unwrap();
    let quoted = dir.path().join("it's a \"target\"");
    std::os::unix::fs::symlink(shared_target_dir(), &quoted).unwrap();
    let file = write(dir.path(), "quoted_target.rs", PASSES);
    let output = in_course(&file)
        .arg("--json")
        .env("CARGO_TARGET_DIR", &quoted)
        .output()
        .unwrap();
    assert_eq!(json(&output)["verdict"], "passed", "{}", show(&output));
}

#[test]
fn notes_are_capped_on_screen_and_all_kept_in_json() {
    // A generated file: hundreds of async fns that never await.
    let count = 300;
    let mut source = String::from("#![allow(dead_code)]\n");
    for n in 0..count {
        source.push_str(&format!("async fn step_{n}() -> u32 {{ {n} }}\n"));
    }
    source.push_str(PASSES);
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "generated_notes.rs", &source);

    let output = in_course(&file).arg("--json").output().unwrap();
    let notes = json(&output)["notes"].as_array().unwrap().len();
    assert_eq!(notes, count, "{}", show(&output));

    let output = in_course(&file).output().unwrap();
    let text = stdout(&output);
    let shown = text.lines().filter(|l| l.starts_with("note:")).count();
    assert!(shown <= 20, "{shown} notes shown:\n{}", show(&output));
    let more = format!("... and {} more notes (--json shows all)", count - shown);
    assert!(text.contains(&more), "{more}:\n{}", show(&output));
}
