//! Building one exercise: one cargo invocation with JSON messages, read
//! through `cargo_metadata` (never by scraping cargo's human output).

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cargo_metadata::diagnostic::{Diagnostic, DiagnosticSpan};
use cargo_metadata::Message;

use super::process;
use crate::outcome::{CompilerMessage, Mode};

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
}

/// Runs cargo once. An `Err` means cargo itself could not be started.
/// `on_built` hears the name of every dependency built on the way (the
/// first start builds tokio and friends, which takes a while).
pub fn build(request: &BuildRequest, on_built: &mut dyn FnMut(&str)) -> std::io::Result<Built> {
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo.current_dir(request.workspace);
    match request.mode {
        Mode::Test => cargo.args(["test", "--no-run"]),
        Mode::Run | Mode::Output => cargo.arg("build"),
    };
    cargo
        .args(["--package", request.package, "--bin", request.bin])
        .arg("--message-format=json-diagnostic-rendered-ansi")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own group, so a quit or a newer save can stop cargo and rustc.
    let mut child = process::spawn_contained(cargo)?;
    let _running = process::Running::register(&child);

    // Cargo's stderr is small (progress lines and its own errors); read it
    // on a thread so neither pipe can fill up and stall cargo.
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });

    let mut built = Built {
        executable: None,
        messages: Vec::new(),
        cargo_stderr: String::new(),
    };
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    for message in Message::parse_stream(stdout).flatten() {
        match message {
            Message::CompilerMessage(m) if m.target.name == request.bin => {
                built
                    .messages
                    .push(compiler_message(&m.message, request.source));
            }
            Message::CompilerArtifact(a) if a.target.name == request.bin => {
                if let Some(exe) = a.executable {
                    built.executable = Some(exe.into_std_path_buf());
                }
            }
            Message::CompilerArtifact(a) if !a.fresh => on_built(&a.target.name),
            _ => {}
        }
    }
    let status = child.wait()?;
    built.cargo_stderr = stderr.join().unwrap_or_default();
    if !status.success() {
        built.executable = None;
    }
    Ok(built)
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

fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
