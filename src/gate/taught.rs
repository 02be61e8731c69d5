//! What the course teaches: a catalogue mistake that no exercise names is
//! only a warning, since a pack of exercises may teach a subset. (An id
//! that is not in the catalogue is the loader's error.)

use std::collections::BTreeSet;

use super::Problem;
use crate::catalogue::{MistakeId, CATALOGUE};
use crate::course::{Course, INFO_FILE};

pub fn check(course: &Course) -> Vec<Problem> {
    let taught: BTreeSet<MistakeId> = course
        .exercises
        .iter()
        .flat_map(|e| e.mistakes.iter().copied())
        .collect();
    CATALOGUE
        .iter()
        .filter(|m| !taught.contains(&m.id))
        .map(|m| {
            Problem::warning(
                INFO_FILE,
                None,
                format!(
                    "no exercise names the catalogue's mistake `{}`, so the course never \
                     teaches it. Add it to the `mistakes` of the exercise that shows it, if \
                     one does.",
                    m.id.as_str()
                ),
            )
        })
        .collect()
}
