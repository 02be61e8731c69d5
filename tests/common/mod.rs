//! A temporary copy of the real course, and the real binary run on it.
//! Tests never touch the repository's own exercises.

#![allow(dead_code)] // each test file uses a different part

pub mod advice;
#[cfg(unix)]
pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The repository, where the shipped course lives.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What a course copy needs: the workspace, the course and its packages.
const COURSE_ENTRIES: &[&str] = &[
    "Cargo.toml",
    "Cargo.lock",
    "build.rs",
    "info.toml",
    "src",
    "diagnosis",
    "exercises",
    "solutions",
    "support",
];

pub struct Course {
    pub dir: tempfile::TempDir,
}

impl Course {
    /// A fresh copy of the shipped course.
    pub fn copy() -> Course {
        let dir = tempfile::Builder::new()
            .prefix("asynclings-test-")
            .tempdir()
            .unwrap();
        for entry in COURSE_ENTRIES {
            copy_tree(&repo().join(entry), &dir.path().join(entry));
        }
        let course = Course { dir };
        course.make_builds_its_own();
        course
    }

    /// Copies share one target dir, and cargo hashes a workspace member by
    /// its path *relative to the workspace*: two copies' `exercises` would
    /// share fingerprints, and one could be handed the other's binary. A
    /// version of its own per copy gives its members hashes of their own,
    /// while tokio and futures are still built once.
    fn make_builds_its_own(&self) {
        let unique = self
            .dir
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "");
        for package in ["exercises", "solutions", "support"] {
            let manifest = format!("{package}/Cargo.toml");
            let text = self.read(&manifest);
            assert!(
                text.contains("\nversion = \"0.1.0\"\n"),
                "{manifest} has a version of 0.1.0"
            );
            self.write(
                &manifest,
                &text.replacen(
                    "\nversion = \"0.1.0\"\n",
                    &format!("\nversion = \"0.1.0-{unique}\"\n"),
                    1,
                ),
            );
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs the real binary in the course folder.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_asynclings"));
        command
            .args(args)
            .current_dir(self.dir.path())
            // One target dir for every copy, so tokio is built once per test run.
            .env("CARGO_TARGET_DIR", shared_target_dir())
            .env_remove("NO_COLOR")
            .env("TERM", "dumb");
        command
    }

    /// Copies every solution over its exercise.
    pub fn solve_all(&self) {
        for (exercise, solution) in self.exercise_files() {
            std::fs::copy(self.path(&solution), self.path(&exercise)).unwrap();
        }
    }

    /// (exercise, solution) paths of every exercise, from `list --json`.
    pub fn exercise_files(&self) -> Vec<(String, String)> {
        let list = json(&self.run(&["list", "--json"]));
        list["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let path = e["path"].as_str().unwrap().to_string();
                let solution = path.replacen("exercises/", "solutions/", 1);
                (path, solution)
            })
            .collect()
    }

    /// Adds a fixture program as a new last exercise of the course.
    pub fn add_exercise(&self, name: &str, fixture: &str, mode: &str, extra: &str) {
        let source = std::fs::read_to_string(repo().join("tests/fixtures").join(fixture)).unwrap();
        self.write(&format!("exercises/fixtures/{name}.rs"), &source);
        append(
            &self.path("exercises/Cargo.toml"),
            &format!("\n[[bin]]\nname = \"{name}\"\npath = \"fixtures/{name}.rs\"\n"),
        );
        append(
            &self.path("info.toml"),
            &format!(
                "\n[[exercises]]\nname = \"{name}\"\nphase = 4\ndir = \"fixtures\"\nmode = \"{mode}\"\nhints = [\"a fixture\"]\n{extra}\n"
            ),
        );
    }
}

pub fn shared_target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("course-target")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(output), stderr(output)))
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// The running processes, with their command lines (sysinfo reads them on
/// Linux, macOS and Windows alike).
fn running_processes() -> sysinfo::System {
    use sysinfo::{ProcessRefreshKind, ProcessesToUpdate, System, UpdateKind};
    // No files kept open between calls: tests count what programs leave open.
    sysinfo::set_open_files_limit(0);
    let mut system = System::new();
    let command_lines = ProcessRefreshKind::nothing().with_cmd(UpdateKind::Always);
    system.refresh_processes_specifics(ProcessesToUpdate::All, true, command_lines);
    system
}

/// A process's command line, its words joined by spaces.
fn command_line(process: &sysinfo::Process) -> String {
    let words: Vec<_> = process.cmd().iter().map(|w| w.to_string_lossy()).collect();
    words.join(" ")
}

/// Processes, not threads: on Linux a thread repeats its process's
/// command line.
fn processes_in(system: &sysinfo::System) -> impl Iterator<Item = &sysinfo::Process> {
    let processes = system.processes().values();
    processes.filter(|process| process.thread_kind().is_none())
}

/// Processes whose command line mentions `needle` (a fixture's unique name).
pub fn processes_named(needle: &str) -> Vec<String> {
    processes_in(&running_processes())
        .map(command_line)
        .filter(|line| line.contains(needle) && !line.contains("asynclings run"))
        .collect()
}

/// Ends the processes whose command line mentions `needle`: what a
/// failing test left running.
pub fn kill_processes_named(needle: &str) {
    let system = running_processes();
    for process in processes_in(&system) {
        if command_line(process).contains(needle) {
            process.kill();
        }
    }
}

/// Processes running a program cargo built as `bin`: its binary
/// (`.../bin`, `bin.exe`) or its test harness (`.../deps/bin-HASH`).
/// Unlike [`processes_named`], not cargo or rustc building it.
pub fn programs_running(bin: &str) -> Vec<String> {
    let is_bin = |name: &str| {
        let name = name.strip_suffix(".exe").unwrap_or(name);
        name == bin
            || name
                .strip_prefix(bin)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()))
    };
    let system = running_processes();
    let running = processes_in(&system).filter(|process| {
        let program = process.cmd().first().map(Path::new);
        let name = program.and_then(Path::file_name).unwrap_or_default();
        is_bin(&name.to_string_lossy())
    });
    running.map(command_line).collect()
}

/// Waits until `condition` holds, looking every 20 ms; panics saying what
/// did not happen (`what`) after `within`. For waiting on what a program
/// does (a process started, a file written), instead of a fixed sleep.
pub fn wait_until(within: Duration, what: &str, mut condition: impl FnMut() -> bool) {
    let start = Instant::now();
    while !condition() {
        assert!(
            start.elapsed() < within,
            "after {within:?}, still not: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Asserts that no process mentions `needle`, allowing a process that was
/// just killed the moment it takes to die; panics with the ones left.
pub fn assert_gone(needle: &str) {
    let start = Instant::now();
    loop {
        let left = processes_named(needle);
        if left.is_empty() {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "left running: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
