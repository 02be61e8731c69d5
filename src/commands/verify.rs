//! `asynclings verify`: check every exercise in course order (with
//! `--junit`, also as a report for CI).

use std::path::Path;

use console::style;
use indicatif::{ProgressBar, ProgressDrawTarget};
use serde::Serialize;

use super::junit::JunitReport;
use super::run::first_build_note;
use super::{Result, Session};
use crate::check::Target;
use crate::diagnosis::check_and_diagnose;
use crate::outcome::{Outcome, SCHEMA_VERSION};
use crate::render;

#[derive(Serialize)]
struct VerifyJson<'a> {
    schema: u32,
    passed: usize,
    failed: usize,
    outcomes: &'a [Outcome],
}

pub fn verify(
    mut session: Session,
    json: bool,
    solutions: bool,
    junit: Option<&Path>,
) -> Result<bool> {
    let has_solutions = session.course.root.join("solutions/Cargo.toml").is_file();
    if solutions && !has_solutions {
        return Err(
            "this course has no solutions (a course written by `asynclings init` \
                    leaves them out unless asked): there is nothing to verify. To have them, \
                    write a course with `asynclings init --with-solutions DIR`."
                .into(),
        );
    }
    let mut junit = match junit {
        Some(path) => {
            let name = if solutions {
                "asynclings verify --solutions"
            } else {
                "asynclings verify"
            };
            Some(JunitReport::create(path, name)?)
        }
        None => None,
    };
    let targets = if solutions {
        crate::check::solution_targets(&session.course)
    } else {
        let course = &session.course;
        course
            .exercises
            .iter()
            .map(|e| (e.name.clone(), Target::exercise(course, e)))
            .collect()
    };
    let bar = progress_bar(targets.len(), !json);
    let mut outcomes = Vec::new();
    let mut note = first_build_note();
    for (exercise, target) in &targets {
        bar.set_message(format!("checking {}...", target.bin));
        let outcome = check_and_diagnose(target, &mut note)?;
        bar.inc(1);
        if !json {
            // Above the bar, which is drawn again below.
            bar.suspend(|| {
                println!("{}", render::verdict_line(&outcome));
                if !outcome.passed() {
                    println!("  {}", style(&outcome.summary).dim());
                }
                // The top mistake, folded to one line; `run` shows it in full.
                if let Some(top) = outcome.mistakes.first() {
                    println!("  {}", render::mistake_line(top, &outcome.path));
                }
            });
        }
        if let Some(report) = &mut junit {
            let phase_dir = session.course.find(exercise).map_or("", |e| e.dir.as_str());
            report.add(phase_dir, &outcome);
        }
        if !solutions {
            // Counted, and done when it passed.
            session.progress.record_check(exercise, outcome.passed());
        }
        outcomes.push(outcome);
    }
    bar.finish_and_clear();
    // Written whatever the verdicts (a CI page shows the failures), and
    // before the progress is saved: a read-only checkout still gets both
    // the report and the summary, then the error.
    let junit_path = junit.map(JunitReport::write).transpose()?;
    let saved = if solutions { Ok(()) } else { session.save() };
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let failed = outcomes.len() - passed;
    if json {
        let report = VerifyJson {
            schema: SCHEMA_VERSION,
            passed,
            failed,
            outcomes: &outcomes,
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "\n{}",
            style(format!("{passed} passed, {failed} failed")).bold()
        );
        if let Some(first) = outcomes.iter().find(|o| !o.passed()) {
            println!(
                "The first to fix: {} (`asynclings run {}` shows why).",
                first.path, first.name
            );
        }
        if let Some(path) = junit_path {
            println!("The JUnit report is in {}.", path.display());
        }
    }
    saved?;
    Ok(failed == 0)
}

/// One line on stderr that redraws itself: hidden for `--json`, and drawn
/// only on a terminal (indicatif leaves a pipe or a CI log alone).
fn progress_bar(total: usize, wanted: bool) -> ProgressBar {
    if !wanted {
        return ProgressBar::hidden();
    }
    crate::style::progress_bar(total, ProgressDrawTarget::stderr())
}
