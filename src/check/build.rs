//! Building one exercise: one cargo invocation with JSON messages, read
//! through `cargo_metadata` (never by scraping cargo's human output; only
//! the start of the exercise's compile, which JSON does not tell, is read
//! from its status lines), under a time limit of its own.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use cargo_metadata::diagnostic::{Diagnostic, DiagnosticSpan};
use cargo_metadata::Message;

use super::process;
use crate::outcome::{CompilerMessage, Mode};

/// How long the compiler may work on the exercise itself. Generous: a slow
/// machine is slow, but a `const` whose evaluation never ends (or a macro
/// that expands forever) would keep `run` and `verify` waiting for ever.
pub const BUILD_LIMIT: Duration = Duration::from_secs(120);

/// Sets the build limit in seconds instead of [`BUILD_LIMIT`]: for the
/// runner's own tests, which cannot wait two minutes.
pub const BUILD_LIMIT_VAR: &str = "ASYNCLINGS_BUILD_LIMIT_SECS";

/// The build limit in force (see [`BUILD_LIMIT_VAR`]).
pub fn build_limit() -> Duration {
    std::env::var(BUILD_LIMIT_VAR)
        .ok()
        .and_then(|secs| secs.trim().parse().ok())
        .filter(|&secs| secs > 0)
        .map_or(BUILD_LIMIT, Duration::from_secs)
}

/// What to build: one `[[bin]]` of one package of a workspace.
#[derive(Debug, Clone)]
pub struct BuildRequest<'a> {
    /// The folder to run cargo in (the workspace root).
    pub workspace: &'a Path,
    pub package: &'a str,
    pub bin: &'a str,
    /// The bin's source file, to pick out its own messages.
    pub source: &'a Path,
    /// `Test` builds the test harness; the others build the program.
    pub mode: Mode,
    /// A target dir that must be used even when `CARGO_TARGET_DIR` names
    /// another (a recording build: its flags would rebuild the shared one).
    pub target_dir: Option<&'a Path>,
}

/// What a build produced.
#[derive(Debug)]
pub struct Built {
    /// The executable, when the build succeeded.
    pub executable: Option<PathBuf>,
    /// Messages about the bin itself (errors and warnings), in order.
    pub messages: Vec<CompilerMessage>,
    /// Cargo's own stderr (download failures, manifest errors...).
    pub cargo_stderr: String,
    /// The build limit, when the compiler was stopped by it.
    pub stopped_after: Option<Duration>,
}

/// Runs cargo once. An `Err` means cargo itself could not be started.
/// `on_built` hears the name of every dependency built on the way (the
/// first start builds tokio and friends, which takes a while).
pub fn build(request: &BuildRequest, on_built: &mut dyn FnMut(&str)) -> std::io::Result<Built> {
    let mut built = build_bins(std::slice::from_ref(request), on_built)?;
    Ok(built.remove(0))
}

/// [`build`] for several bins of one package (same workspace, package and
/// mode), in one cargo call that goes on past a bin that does not compile:
/// what each produced, in the order asked. The diagnosis corpus builds its
/// cases so, as `build` builds one exercise.
pub fn build_bins(
    requests: &[BuildRequest],
    on_built: &mut dyn FnMut(&str),
) -> std::io::Result<Vec<Built>> {
    let mut built = build_bins_once(requests, on_built)?;
    if requests.len() == 1 || requests[0].mode != Mode::Test {
        return Ok(built);
    }
    // `cargo test` has no --keep-going: it stops at the first bin that
    // does not compile. The bins it did not reach are built again, until
    // a call reaches none.
    let unreached = |b: &Built| {
        b.executable.is_none()
            && b.stopped_after.is_none()
            && !b.messages.iter().any(CompilerMessage::is_error)
    };
    loop {
        let again: Vec<usize> = (0..built.len()).filter(|&i| unreached(&built[i])).collect();
        if again.is_empty() {
            return Ok(built);
        }
        let requests: Vec<BuildRequest> = again.iter().map(|&i| requests[i].clone()).collect();
        let rebuilt = build_bins_once(&requests, on_built)?;
        let reached_any = rebuilt.iter().any(|b| !unreached(b));
        for (i, b) in again.into_iter().zip(rebuilt) {
            built[i] = b;
        }
        if !reached_any {
            return Ok(built);
        }
    }
}

fn build_bins_once(
    requests: &[BuildRequest],
    on_built: &mut dyn FnMut(&str),
) -> std::io::Result<Vec<Built>> {
    let first = requests.first().expect("at least one bin to build");
    assert!(
        requests.iter().all(|r| r.workspace == first.workspace
            && r.package == first.package
            && r.mode == first.mode),
        "one cargo call builds bins of one package, in one mode"
    );
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo.current_dir(first.workspace);
    if let Some(dir) = first.target_dir {
        cargo.env("CARGO_TARGET_DIR", dir);
    }
    match first.mode {
        Mode::Test => cargo.args(["test", "--no-run"]),
        Mode::Run | Mode::Output => cargo.arg("build"),
    };
    cargo.args(["--package", first.package]);
    for request in requests {
        cargo.args(["--bin", request.bin]);
    }
    // `cargo test` has no --keep-going: see `build_bins`.
    if requests.len() > 1 && first.mode != Mode::Test {
        cargo.arg("--keep-going");
    }
    cargo
        .arg("--message-format=json-diagnostic-rendered-ansi")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own group, so a quit or a newer save can stop cargo and rustc.
    let (mut child, _running) = process::spawn_contained(cargo)?;

    // The limit runs from when cargo starts compiling the exercise's own
    // package (its bins come after every dependency): the first build of
    // tokio and friends takes minutes on a slow machine, and is not the
    // exercise's fault.
    let compiling_since: Arc<Mutex<Option<Instant>>> = Arc::default();
    let limit = build_limit();
    let (stop_watching, stop) = mpsc::channel::<()>();
    let watchdog = watch_limit(child.id(), compiling_since.clone(), limit, stop);

    // Cargo's stderr is small (progress lines and its own errors); read it
    // on a thread so neither pipe can fill up and stall cargo.
    let stderr = child.stderr.take().expect("stderr is piped");
    let package = first.package.to_string();
    let stderr = thread::spawn(move || read_stderr(stderr, &package, &compiling_since));

    let mut built: Vec<Built> = requests
        .iter()
        .map(|_| Built {
            executable: None,
            messages: Vec::new(),
            cargo_stderr: String::new(),
            stopped_after: None,
        })
        .collect();
    let index = |name: &str| requests.iter().position(|r| r.bin == name);
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    for message in Message::parse_stream(stdout).flatten() {
        match message {
            Message::CompilerMessage(m) => {
                if let Some(i) = index(&m.target.name) {
                    built[i]
                        .messages
                        .push(compiler_message(&m.message, requests[i].source));
                }
            }
            Message::CompilerArtifact(a) => match index(&a.target.name) {
                Some(i) => {
                    if let Some(exe) = a.executable {
                        built[i].executable = Some(exe.into_std_path_buf());
                    }
                }
                None if !a.fresh => on_built(&a.target.name),
                None => {}
            },
            _ => {}
        }
    }
    // The watchdog is done before cargo is reaped, so it can never signal
    // a group whose id was reused.
    drop(stop_watching);
    let stopped = watchdog.join().unwrap_or(false);
    let status = child.wait()?;
    let cargo_stderr = stderr.join().unwrap_or_default();
    for b in &mut built {
        if stopped {
            b.stopped_after = Some(limit);
        }
        // With several bins, one that does not compile fails cargo: the
        // others were linked all the same.
        let failed = b.messages.iter().any(CompilerMessage::is_error);
        if !status.success() && (requests.len() == 1 || stopped || failed) {
            b.executable = None;
        }
        b.cargo_stderr = cargo_stderr.clone();
    }
    Ok(built)
}

/// Kills cargo's process group (cargo and rustc) once the exercise's
/// package has been compiling for `limit`; true when it did. Ends when
/// `stop` does.
fn watch_limit(
    group: crate::os::GroupId,
    compiling_since: Arc<Mutex<Option<Instant>>>,
    limit: Duration,
    stop: mpsc::Receiver<()>,
) -> thread::JoinHandle<bool> {
    thread::spawn(move || loop {
        match stop.recv_timeout(Duration::from_millis(100)) {
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let since = *compiling_since.lock().unwrap_or_else(|e| e.into_inner());
                if since.is_some_and(|since| since.elapsed() >= limit) {
                    crate::os::kill_group(group);
                    return true;
                }
            }
            _ => return false,
        }
    })
}

/// Reads cargo's stderr to its end, noting when cargo starts compiling
/// `package`. Its JSON messages do not say when a compile starts, so this
/// one status line is read; were it worded otherwise one day, the limit
/// would not start, and no verdict would be wrong.
fn read_stderr(
    stderr: impl std::io::Read,
    package: &str,
    compiling_since: &Mutex<Option<Instant>>,
) -> String {
    let mut reader = BufReader::new(stderr);
    let mut text = String::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return text,
            Ok(_) => {
                let line = String::from_utf8_lossy(&line);
                if starts_compiling(&line, package) {
                    let mut since = compiling_since.lock().unwrap_or_else(|e| e.into_inner());
                    since.get_or_insert_with(Instant::now);
                }
                text.push_str(&line);
            }
        }
    }
}

/// Is this cargo's "   Compiling exercises v0.1.0 (/course/exercises)"?
fn starts_compiling(line: &str, package: &str) -> bool {
    without_ansi(line)
        .trim_start()
        .strip_prefix("Compiling ")
        .and_then(|rest| rest.strip_prefix(package))
        .is_some_and(|rest| rest.starts_with(" v"))
}

/// The text of a line without its colour codes (`CARGO_TERM_COLOR=always`).
fn without_ansi(line: &str) -> String {
    let mut text = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // An escape sequence ends with its first letter.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            text.push(c);
        }
    }
    text
}

/// Keeps what the runner and the diagnosis need from one rustc diagnostic.
pub fn compiler_message(d: &Diagnostic, source: &Path) -> CompilerMessage {
    let span = primary_span_in(&d.spans, source);
    CompilerMessage {
        level: level_name(d),
        code: d.code.as_ref().map(|c| c.code.clone()),
        message: d.message.clone(),
        line: span.map(|s| s.line_start),
        column: span.map(|s| s.column_start),
        label: span.and_then(|s| s.label.clone()),
        children: d
            .children
            .iter()
            .map(|c| c.message.clone())
            .filter(|m| !m.is_empty())
            .collect(),
        rendered: d.rendered.clone().unwrap_or_else(|| d.message.clone()),
    }
}

/// rustc's own word for a level ("error", "warning"), as its JSON spells it.
fn level_name(d: &Diagnostic) -> String {
    serde_json::to_value(d.level)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{:?}", d.level).to_lowercase())
}

/// The primary span that points into the exercise file, following macro
/// expansions back to the learner's code (`#[tokio::main]`, `join!`...).
fn primary_span_in<'d>(spans: &'d [DiagnosticSpan], source: &Path) -> Option<&'d DiagnosticSpan> {
    let in_source = |s: &DiagnosticSpan| {
        source.ends_with(&s.file_name) || Path::new(&s.file_name).ends_with(source)
    };
    for span in spans.iter().filter(|s| s.is_primary) {
        let mut current = span;
        loop {
            if in_source(current) {
                return Some(current);
            }
            match &current.expansion {
                Some(expansion) => current = &expansion.span,
                None => break,
            }
        }
    }
    spans.iter().find(|s| s.is_primary)
}

/// Words for a person when cargo failed before the compiler said anything.
pub fn explain_cargo_failure(stderr: &str) -> String {
    let offline = [
        "failed to download",
        "Unable to update registry",
        "failed to get",
        "Could not resolve host",
        "network failure",
        "failed to query replaced source registry",
        "attempting to make an HTTP request, but --offline was specified",
        "you're using offline mode",
    ];
    let excerpt = last_lines(stderr, 12);
    if offline.iter().any(|needle| stderr.contains(needle)) {
        format!(
            "The exercises' dependencies (tokio, futures) could not be downloaded: there seems to be no network.\n\
             Connect to the internet and run `cargo fetch` once in the course folder; after that the course works offline.\n\n{excerpt}"
        )
    } else {
        format!("cargo could not build the exercise, before the compiler had anything to say about your code:\n\n{excerpt}")
    }
}

/// The last `n` lines of `text`.
pub fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_the_exercises_compile_is_recognised() {
        let plain = "   Compiling exercises v0.1.0-abc (/course/exercises)\n";
        let coloured = "\u{1b}[1m\u{1b}[32m   Compiling\u{1b}[0m exercises v0.1.0 (/c/exercises)\n";
        assert!(starts_compiling(plain, "exercises"));
        assert!(starts_compiling(coloured, "exercises"));
        for other in [
            "   Compiling tokio v1.47.1\n",
            "   Compiling exercises_more v0.1.0\n",
            "warning: Compiling exercises v0.1.0\n",
        ] {
            assert!(!starts_compiling(other, "exercises"), "{other}");
        }
    }
}
