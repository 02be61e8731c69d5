//! `asynclings cohort FILES... [--html FILE]`: the instructor's view of the
//! room, from the records learners hand in (`progress --json --learner`).

use std::path::{Path, PathBuf};

use super::{warn, Result};
use crate::cohort::{html, read, room::Room, table};

pub fn cohort(sources: &[PathBuf], html_file: Option<&Path>) -> Result<bool> {
    let mut learners = Vec::new();
    for found in read::records(sources, std::io::stdin().lock()) {
        match found {
            Ok(record) => learners.push(record),
            Err(skipped) => warn(&format!(
                "{skipped} A learner writes one with `asynclings progress --json --learner NAME > NAME.json`."
            )),
        }
    }
    if learners.is_empty() {
        return Err(
            "no learner record could be read, so there is no room to show. Give the files \
             that `asynclings progress --json --learner NAME` wrote (or `-` to read them from stdin)."
                .into(),
        );
    }
    if let Some(other) = learners.iter().find(|r| r.course != learners[0].course) {
        warn(&format!(
            "{} is on another course (\"{}\", not \"{}\"): their phases may not line up with the others'.",
            table::plain(&other.learner),
            table::plain(&other.course),
            table::plain(&learners[0].course)
        ));
    }
    let room = Room::of(learners);
    print!("{}", table::table(&room));
    if let Some(path) = html_file {
        let made = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
        let page = html::page(&room, &made.replace('T', " ").replace('Z', " UTC"));
        // Absolute: the atomic write needs the folder of a bare `room.html`.
        crate::progress::write_atomically(&std::path::absolute(path)?, page.as_bytes()).map_err(
            |e| {
                format!(
                    "cannot write {} ({e}). Give a file in a folder you can write to.",
                    path.display()
                )
            },
        )?;
        println!("Wrote {}: open it in a browser.", path.display());
    }
    Ok(true)
}
