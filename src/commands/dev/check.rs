//! `asynclings dev check`: the course gate. One line per problem
//! (`error: FILE:LINE: ...`), a summary with the wall time, and exit 1
//! when any problem is an error.

use std::cell::Cell;
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use console::style;
use indicatif::{ProgressBar, ProgressDrawTarget};

use super::course_root;
use crate::commands::Result;
use crate::course::Course;
use crate::gate::bins::Package;
use crate::gate::{self, lint, parallel, programs, Problem, Severity};

pub fn check(course_dir: Option<&Path>, no_run: bool) -> Result<bool> {
    let started = Instant::now();
    let root = course_root(course_dir)?;
    let course = match Course::load_declared(&root) {
        Ok(course) => course,
        Err(error) => {
            // A wrong info.toml is the course's problem; no info.toml at
            // all is a gate that cannot run (exit 2).
            let problem = Problem::from_loader(&error, &root).ok_or(error)?;
            print_problems(std::slice::from_ref(&problem));
            println!("The other checks need a valid info.toml: fix it, then check again.");
            return Ok(summary(&[problem], started));
        }
    };
    let mut problems = gate::static_checks(&course);
    print_problems(&problems);
    if no_run {
        println!("The programs were not built or run (--no-run).");
    } else if problems.iter().any(Problem::is_error) {
        println!(
            "The programs were not built or run: fix the errors above first, then check again."
        );
    } else {
        let slow = slow_checks(&course)?;
        print_problems(&slow);
        problems.extend(slow);
    }
    Ok(summary(&problems, started))
}

/// Builds and runs every program, then lints the solutions, in parallel:
/// the exercises first, then the solutions (see `programs::of` for why).
fn slow_checks(course: &Course) -> Result<Vec<Problem>> {
    crate::check::process::stop_checks_on_interrupt();
    let exercises = programs::of(course, Package::Exercises);
    let solutions = programs::of(course, Package::Solutions);
    let mut formatted = programs::solution_files(course);
    let progress = Progress::new(exercises.len() + solutions.len() + formatted.len());
    let mut problems = Vec::new();
    for (package, programs) in [
        (Package::Exercises, exercises),
        (Package::Solutions, solutions),
    ] {
        let (mut jobs, found) = programs
            .build(&mut |step| progress.step(step), &mut |dependency| {
                progress.dependency(dependency)
            })
            .map_err(|e| {
                format!("could not start cargo ({e}). Is Rust installed? See https://rustup.rs, then try again.")
            })?;
        problems.extend(found);
        if package == Package::Solutions {
            progress.step("cargo clippy on the solutions");
            problems.extend(lint::clippy(course));
            jobs.extend(lint::rustfmt_jobs(std::mem::take(&mut formatted)));
        }
        problems.extend(parallel::run_all(
            jobs,
            parallel::workers(),
            &mut |label, found| progress.done(label, found),
        ));
    }
    progress.finish();
    Ok(problems)
}

fn print_problems(problems: &[Problem]) {
    for problem in problems {
        let severity = match problem.severity {
            Severity::Error => style("error:").red().bold(),
            Severity::Warning => style("warning:").yellow().bold(),
        };
        println!("{severity} {problem}");
    }
}

/// The closing line; true when no problem is an error.
fn summary(problems: &[Problem], started: Instant) -> bool {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let verdict = format!(
        "dev check: {}, {}, in {:.1} s.",
        plural(errors, "error"),
        plural(warnings, "warning"),
        started.elapsed().as_secs_f64()
    );
    if errors == 0 {
        println!("{}", style(verdict).green().bold());
    } else {
        println!("{}", style(verdict).red().bold());
    }
    errors == 0
}

/// How far the slow checks are: a bar on a terminal, or one plain line
/// per finished job for a log (`check 12/40 exercise p2_ticker: ok`).
enum Progress {
    Bar(ProgressBar),
    Lines { total: usize, done: Cell<usize> },
}

impl Progress {
    /// For `total` jobs, each a program run or a file linted.
    fn new(total: usize) -> Progress {
        if std::io::stdout().is_terminal() {
            let bar = crate::style::progress_bar(total, ProgressDrawTarget::stdout());
            // Redrawn while cargo builds, when nothing else moves it.
            bar.enable_steady_tick(Duration::from_millis(200));
            Progress::Bar(bar)
        } else {
            Progress::Lines {
                total,
                done: Cell::new(0),
            }
        }
    }

    /// A step before the jobs: a cargo call.
    fn step(&self, what: &str) {
        match self {
            Progress::Bar(bar) => bar.set_message(what.to_string()),
            Progress::Lines { .. } => println!("{what}..."),
        }
    }

    /// A dependency built on the way: many and quick, so a log is spared them.
    fn dependency(&self, name: &str) {
        if let Progress::Bar(bar) = self {
            bar.set_message(format!("building {name}"));
        }
    }

    fn done(&self, label: &str, problems: &[Problem]) {
        let verdict = if problems.iter().any(Problem::is_error) {
            "FAILED (below)"
        } else {
            "ok"
        };
        match self {
            Progress::Bar(bar) => {
                bar.inc(1);
                bar.set_message(label.to_string());
            }
            Progress::Lines { total, done } => {
                done.set(done.get() + 1);
                println!("check {}/{total} {label}: {verdict}", done.get());
            }
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
