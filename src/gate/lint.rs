//! The reference solutions are what learners compare their fix with: they
//! must be rustfmt-clean and clippy-clean.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cargo_metadata::diagnostic::DiagnosticLevel;
use cargo_metadata::Message;

use super::parallel::Job;
use super::{relative, Problem};
use crate::check::build::last_lines;
use crate::course::Course;

/// One job per solution file: `rustfmt --check --edition 2021 FILE`.
pub fn rustfmt_jobs(files: Vec<(String, PathBuf)>) -> Vec<Job> {
    files
        .into_iter()
        .map(|(shown, path)| Job::new(format!("rustfmt {shown}"), move || rustfmt(&shown, &path)))
        .collect()
}

fn rustfmt(shown: &str, path: &Path) -> Vec<Problem> {
    let output = Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .arg(path)
        .stdin(Stdio::null())
        .output();
    let output = match output {
        Ok(output) => output,
        Err(e) => {
            return vec![Problem::error(
                shown,
                None,
                format!(
                "rustfmt could not be started ({e}). Install it: `rustup component add rustfmt`."
            ),
            )]
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    match output.status.code() {
        Some(0) => Vec::new(),
        // 1: it would format the file otherwise; the diff says from where.
        Some(1) if !stdout.is_empty() => vec![Problem::error(
            shown,
            first_diff_line(&stdout),
            format!("is not formatted as rustfmt would. Run `rustfmt --edition 2021 {shown}`."),
        )],
        _ => vec![Problem::error(
            shown,
            None,
            format!(
                "rustfmt could not read it:\n{}",
                last_lines(&String::from_utf8_lossy(&output.stderr), 8)
            ),
        )],
    }
}

/// The line of rustfmt's first hunk: `Diff in /path/file.rs:12:` (or,
/// from older versions, `Diff in /path/file.rs at line 12:`).
fn first_diff_line(diff: &str) -> Option<usize> {
    let header = diff.lines().find(|l| l.starts_with("Diff in "))?;
    let header = header.trim_end().trim_end_matches(':');
    let number = match header.rsplit_once(" at line ") {
        Some((_, number)) => number,
        None => header.rsplit_once(':')?.1,
    };
    number.trim().parse().ok()
}

/// One `cargo clippy` of the solutions package with warnings denied; each
/// lint it reports is a problem at its file and line.
pub fn clippy(course: &Course) -> Vec<Problem> {
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo
        .current_dir(&course.root)
        .args([
            "clippy",
            "--package",
            "solutions",
            "--bins",
            "--message-format=json",
        ])
        .args(["--", "-D", "warnings"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cargo.spawn() {
        Ok(child) => child,
        Err(e) => {
            return vec![Problem::error(
                "solutions/Cargo.toml",
                None,
                format!("cargo clippy could not be started ({e}). Is Rust installed? See https://rustup.rs."),
            )]
        }
    };
    // Cargo's stderr is small; read it on a thread so neither pipe fills up.
    let stderr = child.stderr.take().expect("stderr is piped");
    let stderr = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut problems = Vec::new();
    for message in Message::parse_stream(stdout).flatten() {
        let Message::CompilerMessage(m) = message else {
            continue;
        };
        let d = &m.message;
        if !matches!(d.level, DiagnosticLevel::Error | DiagnosticLevel::Warning) {
            continue;
        }
        // "aborting due to..." and the like point at no code.
        let Some(span) = d.spans.iter().find(|s| s.is_primary) else {
            continue;
        };
        let file = relative(&course.root, &course.root.join(&span.file_name));
        problems.push(Problem::error(
            file,
            Some(span.line_start),
            format!(
                "clippy: {}. Fix it (`cargo clippy -p solutions --bins` shows how).",
                d.message.trim_end_matches('.')
            ),
        ));
    }
    let status = child.wait();
    let stderr = stderr.join().unwrap_or_default();
    if problems.is_empty() && !status.is_ok_and(|s| s.success()) {
        problems.push(Problem::error(
            "solutions/Cargo.toml",
            None,
            format!("cargo clippy failed:\n{}", last_lines(&stderr, 12)),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_hunk_of_a_rustfmt_diff_gives_the_line() {
        let new = "Diff in /c/solutions/01/a.rs:12:\n fn main() {\n-    x\n+    y\n";
        assert_eq!(first_diff_line(new), Some(12));
        let old = "Diff in /c/solutions/01/a.rs at line 7:\n-x\n+y\n";
        assert_eq!(first_diff_line(old), Some(7));
        assert_eq!(first_diff_line("nothing"), None);
    }
}
