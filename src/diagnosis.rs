//! The runner's side of the diagnosis (the `asynclings-diagnosis` crate):
//! a check, then the diagnosis of what it learned. The commands compose
//! them here, in one place; the checker itself knows nothing of diagnosis.

use std::time::Instant;

pub use asynclings_diagnosis::Diagnosis;

use crate::check::{self, CheckError, Checked, Target};
use crate::outcome::Outcome;

/// Checks one program, then names its mistakes: the outcome that `run`,
/// `verify`, `watch` and `diagnose` show. `on_built` hears about each
/// dependency built on the way.
pub fn check_and_diagnose(
    target: &Target,
    on_built: &mut dyn FnMut(&str),
) -> Result<Outcome, CheckError> {
    let Checked {
        mut outcome,
        source,
    } = check::check_reporting(target, on_built)?;
    let started = Instant::now();
    diagnose_outcome(&mut outcome, &source);
    // The total is the time from the save to the verdict, diagnosis included.
    let diagnosis_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    outcome.timings.total_ms = outcome.timings.total_ms.saturating_add(diagnosis_ms);
    Ok(outcome)
}

/// Fills an outcome's mistakes and notes from what it learned and the
/// source that was checked.
pub fn diagnose_outcome(outcome: &mut Outcome, source: &str) {
    let found = diagnose(outcome, source);
    outcome.mistakes = found.mistakes;
    outcome.notes = found.notes;
}

/// The diagnosis of one outcome and the source that was checked.
pub fn diagnose(outcome: &Outcome, source: &str) -> Diagnosis {
    asynclings_diagnosis::diagnose(&outcome.evidence(source))
}
