//! The diagnosis corpus: small programs, each with one classic async mistake
//! (`tests/diagnosis_corpus/<id>/<case>_broken.rs`) and its fixed twin
//! (`<case>_fixed.rs`). For every broken program the right id must come
//! first; for every fixed one no mistake may be claimed.
//!
//! The evidence is real, and it is what a learner's check produces: every
//! case is built by the runner's own build (`check::build`, one cargo call
//! for all of them), its outcome is the runner's (`check::built_outcome`),
//! and the cases whose mistake only shows when they run (a first line
//! `// corpus: run`) are run and judged by the runner (`check::run_and_judge`)
//! under a time limit. The others are diagnosed as if they had run to the
//! end, which is the hard case: a mistake claimed for a program that
//! "passed" must be found with confidence in the source.
//!
//! Every wrong diagnosis found later becomes a case here.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use asynclings::check::build::{build_bins, BuildRequest, Built};
use asynclings::check::{built_outcome, run_and_judge, Target};
use asynclings::diagnose_file::{scratch_manifest, SCRATCH_PACKAGE};
use asynclings::diagnosis::diagnose;
use asynclings::outcome::*;
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

/// The runner's target for a case: a program run to its end (`Mode::Run`).
fn target(case: &Case, workspace: &Path) -> Target {
    Target {
        workspace: workspace.to_path_buf(),
        package: SCRATCH_PACKAGE.to_string(),
        bin: case.bin.clone(),
        source: case.path.clone(),
        display_path: case.path.display().to_string(),
        mode: Mode::Run,
        timeout: RUN_LIMIT,
        expected_output: None,
        shipped_tests: None,
    }
}

/// Builds every case with the runner's build, in one cargo call: what each
/// produced, by bin name. Cargo's own complaints (a bad manifest, a missing
/// dependency) would leave every case without evidence: they fail the test,
/// loudly. A broken case's compile error is evidence, and is expected.
fn build_all(dir: &Path, cases: &[Case]) -> BTreeMap<String, Built> {
    let requests: Vec<BuildRequest> = cases
        .iter()
        .map(|c| BuildRequest {
            workspace: dir,
            package: SCRATCH_PACKAGE,
            bin: &c.bin,
            source: &c.path,
            mode: Mode::Run,
            target_dir: None,
        })
        .collect();
    let built = build_bins(&requests, &mut |_| {}).expect("cargo runs");
    let stderr = &built[0].cargo_stderr;
    let complaints: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: could not compile"))
        .collect();
    assert!(
        complaints.is_empty(),
        "cargo failed before the compiler could judge the cases:\n{stderr}"
    );
    cases.iter().map(|c| c.bin.clone()).zip(built).collect()
}

/// What the runner learns of a case: its build, then (for a case that runs)
/// its run, judged; a case that does not run is taken as having run to the
/// end, when it built.
fn outcome_for(case: &Case, workspace: &Path, built: Built) -> Outcome {
    let target = target(case, workspace);
    let (mut outcome, executable) =
        built_outcome(&target, built, 0).unwrap_or_else(|e| panic!("{}: {e}", case.path.display()));
    if let Some(executable) = executable {
        if case.run {
            run_and_judge(&target, &executable, &case.source, &mut outcome)
                .unwrap_or_else(|e| panic!("{}: {e}", case.path.display()));
        } else {
            outcome.verdict = Verdict::Passed;
        }
    }
    outcome
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
    let mut built = build_all(&dir, &cases);

    // Run the cases, three at a time (each case's run is short or stopped
    // at the limit; those that do not run are judged at once).
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    for group in cases.chunks(3) {
        std::thread::scope(|scope| {
            let handles: Vec<_> = group
                .iter()
                .map(|c| {
                    let b = built.remove(&c.bin).expect("every case was built");
                    let dir = &dir;
                    scope.spawn(move || (c.bin.clone(), outcome_for(c, dir, b)))
                })
                .collect();
            for h in handles {
                let (bin, outcome) = h.join().unwrap();
                outcomes.insert(bin, outcome);
            }
        });
    }

    let mut table: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut said: BTreeMap<String, Vec<Said>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for c in &cases {
        let outcome = &outcomes[&c.bin];
        if c.run && outcome.run.is_none() && outcome.verdict != Verdict::CompileError {
            wrong.push(format!("{}: was not run", c.path.display()));
            continue;
        }
        let d = diagnose(outcome, &c.source);
        said.entry(c.id.clone())
            .or_default()
            .push(Said::of(c, outcome, &d));
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
        // Read alone: an outcome that passed, with nothing built or run.
        let passed = Outcome {
            schema: SCHEMA_VERSION,
            name: String::new(),
            path: f.display().to_string(),
            mode: Mode::Run,
            verdict: Verdict::Passed,
            summary: String::new(),
            diagnostics: Vec::new(),
            tests: Vec::new(),
            run: None,
            events: Vec::new(),
            expected_output: None,
            mistakes: Vec::new(),
            notes: Vec::new(),
            timings: Timings::default(),
        };
        let d = diagnose(&passed, &source);
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
