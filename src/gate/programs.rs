//! Every exercise must fail as shipped, and every reference solution and
//! route proof must pass, by the same checks `verify` makes. The programs
//! of one package and mode are built in one cargo call (cargo builds wait
//! on one lock anyway, and one call compiles on every core); running and
//! judging each is then a job of its own.

use std::path::Path;

use super::bins::Package;
use super::parallel::Job;
use super::Problem;
use crate::check::build::{build_bins, explain_cargo_failure, BuildRequest, Built};
use crate::check::{built_outcome, run_and_judge, solution_targets, Target};
use crate::course::Course;
use crate::outcome::Outcome;

/// What a program must do for the course to be right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// An exercise as shipped: the learner has something to fix.
    Fail,
    /// A reference solution or a route's proof.
    Pass,
}

/// The programs of one package, each with the verdict it must have.
pub struct Programs {
    targets: Vec<(Target, Expect)>,
}

/// The programs of `package`. The two packages' bins share their names,
/// and cargo copies each program it builds to `target/debug/<name>`: run
/// one package's programs before building the other's, or a solution
/// would be run as its exercise.
pub fn of(course: &Course, package: Package) -> Programs {
    let targets = match package {
        Package::Exercises => course
            .exercises
            .iter()
            .map(|e| (Target::exercise(course, e), Expect::Fail))
            .collect(),
        Package::Solutions => solution_targets(course)
            .into_iter()
            .map(|(_, t)| (t, Expect::Pass))
            .collect(),
    };
    Programs { targets }
}

impl Programs {
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Builds every program, telling `on_step` of each cargo call and
    /// `on_built` of each dependency built on the way, and returns the job
    /// that runs and judges each. An `Err` when cargo cannot be started.
    pub fn build(
        self,
        on_step: &mut dyn FnMut(&str),
        on_built: &mut dyn FnMut(&str),
    ) -> Result<(Vec<Job>, Vec<Problem>), std::io::Error> {
        // Groups of one mode (one cargo call each), in the order first met.
        let mut groups: Vec<Vec<(Target, Expect)>> = Vec::new();
        for (target, expect) in self.targets {
            match groups.iter_mut().find(|g| g[0].0.mode == target.mode) {
                Some(group) => group.push((target, expect)),
                None => groups.push(vec![(target, expect)]),
            }
        }
        let mut jobs = Vec::new();
        let mut problems = Vec::new();
        for group in groups {
            let first = &group[0].0;
            on_step(&format!(
                "building {} programs of {} ({:?} mode)",
                group.len(),
                first.package,
                first.mode
            ));
            let requests: Vec<BuildRequest> = group
                .iter()
                .map(|(t, _)| BuildRequest {
                    workspace: &t.workspace,
                    package: &t.package,
                    bin: &t.bin,
                    source: &t.source,
                    mode: t.mode,
                    target_dir: None,
                })
                .collect();
            let built = build_bins(&requests, on_built)?;
            if cargo_failed(&built) {
                problems.push(Problem::error(
                    format!("{}/Cargo.toml", first.package),
                    None,
                    explain_cargo_failure(&built[0].cargo_stderr),
                ));
                continue;
            }
            for ((target, expect), built) in group.into_iter().zip(built) {
                jobs.push(job(target, expect, built));
            }
        }
        Ok((jobs, problems))
    }
}

/// Cargo stopped before the compiler said a word about any program (a
/// broken manifest, no network): one problem, not one per program.
fn cargo_failed(built: &[Built]) -> bool {
    built
        .iter()
        .all(|b| b.executable.is_none() && b.messages.is_empty() && b.stopped_after.is_none())
}

fn job(target: Target, expect: Expect, built: Built) -> Job {
    let label = match expect {
        Expect::Fail => format!("exercise {}", target.bin),
        Expect::Pass => format!("solution {}", target.bin),
    };
    Job::new(label, move || {
        let outcome = built_outcome(&target, built, 0).and_then(|(mut outcome, executable)| {
            if let Some(executable) = executable {
                let source = std::fs::read_to_string(&target.source).unwrap_or_default();
                run_and_judge(&target, &executable, &source, &mut outcome)?;
            }
            Ok(outcome)
        });
        match outcome {
            Ok(outcome) => judge(expect, &outcome).into_iter().collect(),
            Err(e) => vec![Problem::error(
                &target.display_path,
                None,
                format!("could not be checked: {e}"),
            )],
        }
    })
}

/// The problem with a verdict, if it is not the one expected.
fn judge(expect: Expect, outcome: &Outcome) -> Option<Problem> {
    match (expect, outcome.passed()) {
        (Expect::Fail, true) => Some(Problem::error(
            &outcome.path,
            None,
            "passes as shipped, so a learner would have nothing to fix. Put back the mistake \
             it teaches (was its solution copied over it?).",
        )),
        (Expect::Pass, false) => {
            let summary = outcome.summary.lines().next().unwrap_or_default();
            Some(Problem::error(
                &outcome.path,
                outcome.errors().find_map(|e| e.line),
                format!(
                    "fails, and a reference program must pass: {summary} \
                     `asynclings verify --solutions` shows the whole verdict.",
                ),
            ))
        }
        _ => None,
    }
}

/// The sources of every reference solution and route proof, for the linters.
pub fn solution_files(course: &Course) -> Vec<(String, std::path::PathBuf)> {
    solution_targets(course)
        .into_iter()
        .map(|(_, t)| (t.display_path, t.source))
        .filter(|(_, source)| Path::new(source).is_file())
        .collect()
}
