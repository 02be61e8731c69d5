//! `asynclings dev sync`: the [[bin]] lists of exercises/Cargo.toml and
//! solutions/Cargo.toml rewritten from info.toml.

use std::path::Path;

use super::course_root;
use crate::commands::Result;
use crate::course::Course;
use crate::gate::bins;

pub fn sync(course_dir: Option<&Path>) -> Result<bool> {
    let root = course_root(course_dir)?;
    // info.toml must be right; the lists need not be, that is the point.
    let course = Course::load_declared(&root)?;
    for synced in bins::sync(&course)? {
        let what = if synced.changed {
            "rewritten from info.toml"
        } else {
            "already in step with info.toml"
        };
        println!("{}: {} [[bin]]s, {what}.", synced.manifest, synced.bins);
    }
    Ok(true)
}
