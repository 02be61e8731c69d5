//! A run with its tasks recorded: the program built against the course's
//! tokio facade with its `record` feature, run with [`RECORD_INTO`] set, and
//! its recording read back. For `timeline`, `diagnose --timeline` and
//! watch mode's `t`.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::Timeline;
use crate::check::build::{build, BuildRequest};
use crate::check::process::run_limited;
use crate::diagnose_file::{bin_name, Purpose, Scratch, SCRATCH_PACKAGE};
use crate::outcome::Mode;
use crate::session::Result;

/// The variable the recorder reads (`support::recorder::ENV`): the file it
/// records into.
pub const RECORD_INTO: &str = "ASYNCLINGS_TIMELINE";

/// A run with its tasks recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    pub timeline: Timeline,
    /// How the run ended, in a sentence.
    pub ended: String,
}

/// Have recording builds been made in this course before? The first one
/// builds tokio again for recording (a minute on a small machine), which
/// only `t` or `timeline`, asked for, should cost a learner.
pub fn recording_is_built(root: &Path) -> bool {
    crate::check::runner_dir::target_dir(root)
        .join("timeline")
        .join("debug")
        .is_dir()
}

/// The shipped text of an exercise and the learner's file, each run with
/// its tasks recorded: `(before, after)`, when the shipped text is known.
pub fn shipped_and_now(
    root: &Path,
    exercise: &crate::course::Exercise,
) -> Result<Option<(Timeline, Timeline)>> {
    let Some(shipped) = crate::originals::original(&exercise.path()) else {
        return Ok(None);
    };
    // A copy of its own, so that the learner's file is never touched.
    let dir = crate::check::runner_dir::target_dir(root).join("asynclings-shipped");
    let copy = dir.join(format!("{}.rs", exercise.name));
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&copy, shipped))
        .map_err(|e| {
            format!(
                "cannot write a copy of the shipped {} in {} ({e}). Check that the course's \
                 target folder is writable, then try again.",
                exercise.name,
                dir.display()
            )
        })?;
    let before = record(root, &copy, exercise.timeout)?.timeline;
    let after = record(root, &root.join(exercise.path()), exercise.timeout)?.timeline;
    Ok(Some((before, after)))
}

/// Builds `file` against the recording facade of the course at `root`,
/// runs its `main` for at most `limit`, and reads what its tasks did.
pub fn record(root: &Path, file: &Path, limit: Duration) -> Result<Recording> {
    let shown = file.display().to_string();
    let source = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {shown}: {e}. Check the path and try again."))?;
    let canonical = file
        .canonicalize()
        .map_err(|e| format!("cannot find {shown}: {e}. Check the path and try again."))?;
    let bin = bin_name(file);
    let scratch = Scratch::prepare(Some(root), &canonical, &bin, &source, Purpose::Timeline)?;
    let built = build(
        &BuildRequest {
            workspace: &scratch.dir,
            package: SCRATCH_PACKAGE,
            bin: &bin,
            source: &scratch.source,
            mode: Mode::Run,
            target_dir: Some(&scratch.target),
        },
        &mut |_| {},
    )?;
    let Some(executable) = built.executable else {
        return Err(format!(
            "{shown} does not compile, so there is nothing to draw yet: `asynclings run` (or \
             `asynclings diagnose {shown}`) shows why."
        )
        .into());
    };
    let into = scratch.dir.join("timeline.jsonl");
    let _ = std::fs::remove_file(&into);
    let mut command = Command::new(executable);
    command.env(RECORD_INTO, &into).env("RUST_BACKTRACE", "0");
    let finished = run_limited(command, limit)?;
    let recorded = std::fs::read_to_string(&into).unwrap_or_default();
    let mut timeline = Timeline::parse(&recorded);
    let ended = if timeline.stopped_stuck {
        format!(
            "no task could go on, and nothing that tokio knows of (a timer, I/O, a blocking \
             job) could wake one, so it was stopped after {:.1} s",
            finished.duration.as_secs_f64()
        )
    } else if timeline.tasks.iter().any(|t| t.unwoken) {
        "it finished only because tokio's task dump polled a task that nothing had woken"
            .to_string()
    } else if finished.timed_out {
        format!(
            "it did not finish, and was stopped after {} s",
            limit.as_secs()
        )
    } else if finished.status.is_some_and(|s| s.success()) {
        "it ran to the end".to_string()
    } else {
        "it stopped with an error".to_string()
    };
    if finished.timed_out || timeline.stopped_stuck {
        // Its tasks were alive until it was stopped (the clock of a run's
        // `main` is the real one, started with the program).
        timeline.extend_to(finished.duration.as_micros() as u64);
    }
    Ok(Recording { timeline, ended })
}
