//! Maintainers' commands.

use super::{Result, Session};
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
