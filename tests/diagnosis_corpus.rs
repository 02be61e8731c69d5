//! The diagnosis corpus: small programs, each with one classic async mistake
//! (`tests/diagnosis_corpus/<id>/<case>_broken.rs`) and its fixed twin
//! (`<case>_fixed.rs`). For every broken program the right id must come
//! first; for every fixed one no mistake may be claimed.
//!
//! The evidence is real: every case is compiled (one `cargo check` for all
//! of them, with JSON messages), and the cases whose mistake only shows when
//! they run (a first line `// corpus: run`) are built and run under a time
//! limit. The others are diagnosed as if they had run to the end, which is
//! the hard case: a mistake claimed for a program that "passed" must be
//! found with confidence in the source.
//!
//! Every wrong diagnosis found later becomes a case here.

mod common;

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use asynclings::check::build::compiler_message;
use asynclings::check::process::run_limited;
use asynclings::diagnose_file::scratch_manifest;
use asynclings::diagnosis::diagnose;
use asynclings::outcome::*;
use cargo_metadata::Message;
use common::advice::{code_fragments, squeezed};

/// Time limit of one run: hangs are the point of some cases, so keep it short.
const RUN_LIMIT: Duration = Duration::from_secs(4);

struct Case {
    id: String,
    name: String,
    broken: bool,
    path: PathBuf,
    source: String,
    bin: String,
    run: bool,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cases() -> Vec<Case> {
    let corpus = root().join("tests").join("diagnosis_corpus");
    let mut out = Vec::new();
    let mut ids: Vec<_> = std::fs::read_dir(&corpus).unwrap().flatten().collect();
    ids.sort_by_key(|e| e.file_name());
    for dir in ids.into_iter().filter(|e| e.path().is_dir()) {
        let id = dir.file_name().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        files.sort_by_key(|e| e.file_name());
        for f in files {
            let file = f.file_name().to_string_lossy().into_owned();
            let (name, broken) = if let Some(n) = file.strip_suffix("_broken.rs") {
                (n.to_string(), true)
            } else if let Some(n) = file.strip_suffix("_fixed.rs") {
                (n.to_string(), false)
            } else {
                continue;
            };
            let source = std::fs::read_to_string(f.path()).unwrap();
            let run = source
                .lines()
                .next()
                .is_some_and(|l| l.trim() == "// corpus: run");
            let bin = format!(
                "{}__{}_{}",
                id.replace('-', "_"),
                name,
                if broken { "broken" } else { "fixed" }
            );
            out.push(Case {
                id: id.clone(),
                name,
                broken,
                path: f.path(),
                source,
                bin,
                run,
            });
        }
    }
    out
}

/// A scratch package with every case as a bin, building in a target
/// directory of its own (the test itself runs under cargo, which may hold
/// the workspace's).
fn scratch(cases: &[Case]) -> PathBuf {
    let dir = root().join("target").join("diagnosis-corpus");
    std::fs::create_dir_all(&dir).unwrap();
    // The same package `asynclings diagnose` builds inside the course:
    // `tokio` is the course's facade, whose `main` starts the watchdog, so
    // a blocked loop is evidence here too.
    let facade = root().join("support").join("facade").join("tokio");
    let bins: Vec<(String, PathBuf)> = cases
        .iter()
        .map(|c| (c.bin.clone(), c.path.clone()))
        .collect();
    let manifest = scratch_manifest(&bins, Some(&facade));
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    if let Ok(lock) = std::fs::read_to_string(root().join("Cargo.lock")) {
        if !dir.join("Cargo.lock").exists() {
            std::fs::write(dir.join("Cargo.lock"), lock).unwrap();
        }
    }
    dir
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|t| t == text) {
        return;
    }
    std::fs::write(path, text).unwrap();
}

/// Runs cargo over the scratch package; returns the messages and the
/// executables, by bin name.
fn cargo(
    dir: &Path,
    args: &[&str],
    cases: &[Case],
) -> (
    BTreeMap<String, Vec<CompilerMessage>>,
    BTreeMap<String, PathBuf>,
) {
    let mut child = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .args(args)
        .args(["--keep-going", "--message-format=json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    // Cargo's own complaints (a bad manifest, a missing dependency) would
    // leave every case without evidence: they fail the test, loudly. A
    // broken case's compile error is evidence, and is expected.
    let mut stderr = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let mut messages: BTreeMap<String, Vec<CompilerMessage>> = BTreeMap::new();
    let mut exes = BTreeMap::new();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    for m in Message::parse_stream(stdout).flatten() {
        match m {
            Message::CompilerMessage(m) => {
                if let Some(c) = cases.iter().find(|c| c.bin == m.target.name) {
                    messages
                        .entry(c.bin.clone())
                        .or_default()
                        .push(compiler_message(&m.message, &c.path));
                }
            }
            Message::CompilerArtifact(a) => {
                if let Some(exe) = a.executable {
                    exes.insert(a.target.name.clone(), exe.into_std_path_buf());
                }
            }
            _ => {}
        }
    }
    child.wait().unwrap();
    let stderr = stderr.join().unwrap();
    let complaints: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: could not compile"))
        .collect();
    assert!(
        complaints.is_empty(),
        "cargo failed before the compiler could judge the cases:\n{stderr}"
    );
    (messages, exes)
}

fn outcome_for(case: &Case, diagnostics: Vec<CompilerMessage>, run: Option<RunReport>) -> Outcome {
    let compile_error = diagnostics.iter().any(|d| d.is_error());
    // The runner's own judgement of a run (its exit status, never a panic
    // text alone), and the events it reads from the run's output.
    let target = asynclings::check::Target {
        workspace: root(),
        package: String::new(),
        bin: case.bin.clone(),
        source: case.path.clone(),
        display_path: case.path.display().to_string(),
        mode: Mode::Run,
        timeout: RUN_LIMIT,
        expected_output: None,
        shipped_tests: None,
    };
    let verdict = match (&run, compile_error) {
        (_, true) => Verdict::CompileError,
        (None, false) => Verdict::Passed,
        (Some(r), false) => asynclings::check::judge(&target, r, &[], &[]).0,
    };
    let events = run
        .as_ref()
        .map(asynclings::check::events)
        .unwrap_or_default();
    Outcome {
        schema: SCHEMA_VERSION,
        name: case.bin.clone(),
        path: case.path.display().to_string(),
        mode: Mode::Run,
        verdict,
        summary: String::new(),
        diagnostics,
        tests: Vec::new(),
        run,
        events,
        expected_output: None,
        mistakes: Vec::new(),
        notes: Vec::new(),
        timings: Timings::default(),
    }
}

fn run_case(exe: &Path) -> RunReport {
    let mut cmd = Command::new(exe);
    cmd.env("RUST_BACKTRACE", "0");
    let f = run_limited(cmd, RUN_LIMIT).expect("the case runs");
    RunReport {
        exit_code: f.exit_code(),
        signal: f.signal(),
        timed_out: f.timed_out,
        duration_ms: f.duration.as_millis() as u64,
        stdout: String::from_utf8_lossy(&f.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&f.stderr).into_owned(),
        output_truncated: f.truncated,
    }
}

#[test]
fn every_catalogue_id_has_two_cases_with_twins() {
    let cases = cases();
    for m in asynclings::catalogue::CATALOGUE {
        let broken = cases
            .iter()
            .filter(|c| c.id == m.id.as_str() && c.broken)
            .count();
        assert!(
            broken >= 2,
            "`{}` has {broken} broken cases; the corpus needs at least two",
            m.id
        );
    }
    for c in cases.iter().filter(|c| c.broken) {
        assert!(
            cases
                .iter()
                .any(|t| !t.broken && t.id == c.id && t.name == c.name),
            "{} has no fixed twin",
            c.path.display()
        );
        assert!(
            asynclings::catalogue::find(&c.id).is_some(),
            "{} is not a catalogue id",
            c.id
        );
    }
}

/// Advice is code: every route of the catalogue is proven by corpus pairs
/// whose fixed twins make that change and are run (so that
/// `the_corpus_is_diagnosed_right` proves they pass). Each piece of code
/// the advice names is written in a fixed twin, or is what a twin replaces
/// (found more often in its broken program); each twin adds some of it.
#[test]
fn every_catalogue_route_is_proven_by_a_fixed_twin() {
    let cases = cases();
    let mut problems = Vec::new();
    for m in asynclings::catalogue::CATALOGUE {
        for route in m.routes {
            let what = format!("{} route `{}`", m.id, route.key);
            let fragments = code_fragments(route.advice);
            if fragments.is_empty() {
                problems.push(format!("{what} names no code"));
            }
            if route.proofs.is_empty() {
                problems.push(format!("{what} has no proof"));
            }
            let mut accounted = vec![false; fragments.len()];
            for proof in route.proofs {
                let twin = |broken: bool| {
                    cases
                        .iter()
                        .find(|c| c.id == m.id.as_str() && c.name == *proof && c.broken == broken)
                };
                let (Some(broken), Some(fixed)) = (twin(true), twin(false)) else {
                    problems.push(format!(
                        "{what}: no corpus pair tests/diagnosis_corpus/{}/{proof}_{{broken,fixed}}.rs",
                        m.id
                    ));
                    continue;
                };
                if !fixed.run {
                    problems.push(format!(
                        "{}: a route's proof must run: make its first line `// corpus: run`",
                        fixed.path.display()
                    ));
                }
                let (before, after) = (squeezed(&broken.source), squeezed(&fixed.source));
                let mut adds = false;
                for (f, seen) in fragments.iter().zip(accounted.iter_mut()) {
                    let (b, a) = (
                        before.matches(f.as_str()).count(),
                        after.matches(f.as_str()).count(),
                    );
                    adds |= a > b;
                    *seen |= a > 0 || b > a;
                }
                if !adds {
                    problems.push(format!(
                        "{what}: {} does not make the change the advice names (it adds none of {fragments:?})",
                        fixed.path.display()
                    ));
                }
            }
            for (f, seen) in fragments.iter().zip(&accounted) {
                if !seen {
                    problems.push(format!(
                        "{what} names `{f}`, which none of its proofs writes or replaces"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "unproven advice:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_corpus_is_diagnosed_right() {
    let cases = cases();
    let dir = scratch(&cases);
    let (messages, _) = cargo(&dir, &["check", "--bins"], &cases);

    // Build and run the cases that need a run, two at a time.
    let to_run: Vec<&Case> = cases
        .iter()
        .filter(|c| {
            c.run
                && !messages
                    .get(&c.bin)
                    .is_some_and(|m| m.iter().any(|d| d.is_error()))
        })
        .collect();
    let mut args = vec!["build".to_string()];
    for c in &to_run {
        args.push("--bin".into());
        args.push(c.bin.clone());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, exes) = if to_run.is_empty() {
        Default::default()
    } else {
        cargo(&dir, &args, &cases)
    };
    let mut runs: BTreeMap<String, RunReport> = BTreeMap::new();
    for pair in to_run.chunks(3) {
        let handles: Vec<_> = pair
            .iter()
            .filter_map(|c| exes.get(&c.bin).map(|e| (c.bin.clone(), e.clone())))
            .map(|(bin, exe)| std::thread::spawn(move || (bin, run_case(&exe))))
            .collect();
        for h in handles {
            let (bin, report) = h.join().unwrap();
            runs.insert(bin, report);
        }
    }

    let mut table: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut said: BTreeMap<String, Vec<Said>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for c in &cases {
        if c.run
            && !runs.contains_key(&c.bin)
            && !messages
                .get(&c.bin)
                .is_some_and(|m| m.iter().any(|d| d.is_error()))
        {
            wrong.push(format!("{}: was not built or run", c.path.display()));
            continue;
        }
        let outcome = outcome_for(
            c,
            messages.get(&c.bin).cloned().unwrap_or_default(),
            runs.get(&c.bin).cloned(),
        );
        let d = diagnose(&outcome, &c.source);
        said.entry(c.id.clone())
            .or_default()
            .push(Said::of(c, &outcome, &d));
        let ids: Vec<&str> = d.mistakes.iter().map(|m| m.id.as_str()).collect();
        let row = table.entry(c.id.clone()).or_default();
        if c.broken {
            row.1 += 1;
            if ids.first() == Some(&c.id.as_str()) {
                row.0 += 1;
            } else {
                wrong.push(format!(
                    "{} ({:?}): expected `{}` first, got {:?}",
                    c.path.display(),
                    outcome.verdict,
                    c.id,
                    ids
                ));
            }
        } else {
            row.3 += 1;
            if outcome.verdict != Verdict::Passed {
                wrong.push(format!(
                    "{}: a fixed program must pass, but it {:?}: {}",
                    c.path.display(),
                    outcome.verdict,
                    outcome.run.as_ref().map_or("", |r| r.stderr.as_str())
                ));
            }
            if !ids.is_empty() {
                row.2 += 1;
                wrong.push(format!(
                    "{} ({:?}): a fixed program, but diagnosed {:?}: {}",
                    c.path.display(),
                    outcome.verdict,
                    ids,
                    d.mistakes[0].message
                ));
            }
        }
    }
    let (mut right, mut total, mut alarms, mut fixed) = (0, 0, 0, 0);
    eprintln!("{:<24} {:>12} {:>14}", "id", "right first", "false alarms");
    for (id, (r, t, a, f)) in &table {
        eprintln!(
            "{id:<24} {:>12} {:>14}",
            format!("{r}/{t}"),
            format!("{a}/{f}")
        );
        right += r;
        total += t;
        alarms += a;
        fixed += f;
    }
    eprintln!(
        "{:<24} {:>12} {:>14}",
        "all",
        format!("{right}/{total}"),
        format!("{alarms}/{fixed}")
    );
    assert!(wrong.is_empty(), "wrong diagnoses:\n{}", wrong.join("\n"));
    // What the learner reads, and the JSON, for every case: a change of
    // wording or ranking shows in review (`cargo insta review`).
    for (id, cases) in &said {
        let human: Vec<&str> = cases.iter().map(|s| s.human.as_str()).collect();
        let json: Vec<&serde_json::Value> = cases.iter().map(|s| &s.json).collect();
        insta::assert_snapshot!(format!("{id}-human"), human.join("\n"));
        insta::assert_json_snapshot!(format!("{id}-json"), json);
    }
}

/// What `diagnose` says of one case, as a person and as a program read it.
/// Measured times (a stall's milliseconds) vary from run to run: they are
/// written as `N`, so that only words and ranking are compared.
struct Said {
    human: String,
    json: serde_json::Value,
}

impl Said {
    fn of(c: &Case, outcome: &Outcome, d: &asynclings::diagnosis::Diagnosis) -> Said {
        let name = format!(
            "{}_{}.rs",
            c.name,
            if c.broken { "broken" } else { "fixed" }
        );
        let steady = |text: &str| {
            let times = regex::Regex::new(r"\d+(\.\d+)? ?(ms|s)\b").unwrap();
            times.replace_all(text, "N $2").into_owned()
        };
        let mut human = format!("== {name} ({:?})\n", outcome.verdict);
        for m in &d.mistakes {
            human.push_str(&steady(&asynclings::render::mistake(m, &name)));
        }
        for n in &d.notes {
            human.push_str(&format!("note: line {}: {}\n", n.line, steady(&n.message)));
        }
        let finding = |m: &Finding| {
            serde_json::json!({
                "id": m.id.to_string(),
                "line": m.line,
                "column": m.column,
                "message": steady(&m.message),
            })
        };
        let json = serde_json::json!({
            "case": name,
            "verdict": outcome.verdict,
            "mistakes": d.mistakes.iter().map(finding).collect::<Vec<_>>(),
            "notes": d.notes.iter().map(|n| serde_json::json!({
                "id": n.id, "line": n.line, "message": steady(&n.message),
            })).collect::<Vec<_>>(),
        });
        Said { human, json }
    }
}

/// The course's own solutions are correct programs: the source alone must
/// not claim a mistake in any of them (as if each had passed its check).
#[test]
fn no_false_alarm_on_the_course_solutions() {
    let mut files = Vec::new();
    let mut dirs = vec![root().join("solutions")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut alarms = Vec::new();
    for f in &files {
        let source = std::fs::read_to_string(f).unwrap();
        let case = Case {
            id: String::new(),
            name: String::new(),
            broken: false,
            path: f.clone(),
            source: source.clone(),
            bin: String::new(),
            run: false,
        };
        let d = diagnose(&outcome_for(&case, Vec::new(), None), &source);
        if let Some(m) = d.mistakes.first() {
            alarms.push(format!(
                "{}:{}: {} ({})",
                f.display(),
                m.line,
                m.id,
                m.message
            ));
        }
    }
    eprintln!(
        "{} solutions read, {} false alarms",
        files.len(),
        alarms.len()
    );
    assert!(
        alarms.is_empty(),
        "mistakes claimed in correct solutions:\n{}",
        alarms.join("\n")
    );
}
