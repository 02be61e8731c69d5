//! Maintainers' commands: the course gate (`dev check`), the [[bin]] lists
//! rewritten from info.toml (`dev sync`), the checksums of the shipped
//! texts (`dev checksums`) and a new course pack (`dev new`).

mod check;
mod new;
mod sync;

use std::path::{Path, PathBuf};

pub use check::check;
pub use new::new;
pub use sync::sync;

use super::{Result, Session};
use crate::course::Course;
use crate::originals::{self, CHECKSUMS_FILE};

/// Rewrites exercises/.checksums, which tells the build which texts are the
/// shipped ones (see build.rs).
pub fn checksums(session: &Session) -> Result<bool> {
    let root = &session.course.root;
    let mut files = Vec::new();
    for exercise in &session.course.exercises {
        files.push((
            exercise.path(),
            std::fs::read_to_string(root.join(exercise.path()))?,
        ));
    }
    let text = originals::checksums_file(files.iter().map(|(p, t)| (p.as_path(), t.as_str())));
    std::fs::write(root.join(CHECKSUMS_FILE), text)?;
    println!("Wrote {CHECKSUMS_FILE} for {} exercises.", files.len());
    Ok(true)
}

/// The course folder: `--course DIR`, or the one this folder is in. Found
/// without loading the course, which `check` and `sync` load their way.
fn course_root(dir: Option<&Path>) -> Result<PathBuf> {
    match dir {
        Some(dir) => Ok(dir.canonicalize().map_err(|e| {
            format!(
                "cannot open the course folder {}: {e}. Give the folder that holds info.toml.",
                dir.display()
            )
        })?),
        None => Ok(Course::find_root(&std::env::current_dir()?)?),
    }
}
