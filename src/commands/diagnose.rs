//! `asynclings diagnose FILE.rs`: the same diagnosis on any single-file
//! async program, outside the course; inside a course it reuses its builds.

use std::path::Path;

use super::{timeline, Result};
use crate::course::Course;
use crate::diagnose_file::{check_file, diagnose_file, print_outcome, DiagnoseOptions};

/// Checks `file` and names the classic mistake in it; with `with_timeline`,
/// then draws its run (that needs a course's tokio facade).
pub fn diagnose(
    course_dir: Option<&Path>,
    file: &Path,
    json: bool,
    timeout_secs: u64,
    with_timeline: bool,
) -> Result<bool> {
    crate::check::process::stop_checks_on_interrupt();
    let course = match course_dir {
        Some(dir) => Some(Course::load(dir)?),
        None => Course::discover(&std::env::current_dir()?).ok(),
    };
    let options = DiagnoseOptions {
        course_root: course.map(|c| c.root),
        timeout: std::time::Duration::from_secs(timeout_secs.max(1)),
    };
    if !with_timeline {
        return Ok(diagnose_file(file, json, &options)?);
    }
    let root = options.course_root.as_deref().ok_or(
        "--timeline records tasks with the course's tokio facade: run `diagnose` \
         inside a course folder, or give --course DIR.",
    )?;
    let mut outcome = check_file(file, &options)?;
    let recording = timeline::record(root, file, options.timeout);
    // Stopped stuck, the recording says where each task waits: evidence
    // the diagnosis reads, better than its guesses from the source.
    let waits = recording.as_ref().map(|r| r.timeline.task_waits());
    if let (Ok(waits), false) = (waits, outcome.passed()) {
        if !waits.is_empty() {
            outcome.events.extend(waits);
            crate::diagnosis::diagnose_outcome(&mut outcome, &std::fs::read_to_string(file)?);
        }
    }
    let passed = print_outcome(outcome, json);
    let recording = recording?;
    if json {
        return Ok(passed); // one JSON object; its events hold the waits
    }
    println!();
    let shown = file.display().to_string();
    let request = timeline::Request {
        target: None,
        svg: None,
        width: None,
    };
    timeline::show(&recording, &shown, &request)?;
    Ok(passed)
}
