//! `asynclings progress --json --learner NAME`: one line of JSON that an
//! instructor collects from each learner for `asynclings cohort`.

use super::{Result, Session};
use crate::cohort::record::LearnerRecord;

pub fn print(session: &Session, learner: &str) -> Result<bool> {
    let learner = learner.trim();
    if learner.is_empty() {
        return Err("give your name after --learner, such as `--learner Ada`: your instructor sees it in the room's table.".into());
    }
    let record = LearnerRecord::of(&session.course, &session.progress, learner);
    // One line: records can be gathered by concatenation, one a line.
    println!("{}", serde_json::to_string(&record)?);
    Ok(true)
}
