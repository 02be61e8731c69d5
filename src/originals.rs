//! The shipped text of every exercise, embedded when the runner was built
//! (see build.rs for how learners' edits are kept out of it).

use std::path::Path;

// Shared with build.rs, which checks the texts it embeds with it.
#[path = "checksum.rs"]
mod shared_checksum;
pub use shared_checksum::{checksum, checksum_bytes, checksum_line, checksum_lines};

include!(concat!(env!("OUT_DIR"), "/originals.rs"));

/// The file that lists the checksum of every shipped exercise.
pub const CHECKSUMS_FILE: &str = "exercises/.checksums";

/// The shipped text of the exercise at `path` (relative to the course root).
pub fn original(path: &Path) -> Option<&'static str> {
    let path = path.to_str()?;
    ORIGINALS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// The contents of exercises/.checksums for these exercise files.
pub fn checksums_file<'a>(files: impl IntoIterator<Item = (&'a Path, &'a str)>) -> String {
    files
        .into_iter()
        .map(|(path, text)| checksum_line(text, &path.display().to_string()))
        .collect()
}
