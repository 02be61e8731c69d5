//! The shipped text of every exercise, embedded when the runner was built
//! (see build.rs for how learners' edits are kept out of it).

use std::path::Path;

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

/// The checksum used in exercises/.checksums (FNV-1a, 64 bits: no
/// dependency, stable forever, and only guards against accidents).
pub fn checksum(text: &str) -> String {
    checksum_bytes(text.as_bytes())
}

/// [`checksum`] of any bytes (a path that may not be UTF-8).
pub fn checksum_bytes(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The contents of exercises/.checksums for these exercise files.
pub fn checksums_file<'a>(files: impl IntoIterator<Item = (&'a Path, &'a str)>) -> String {
    files
        .into_iter()
        .map(|(path, text)| format!("{}  {}\n", checksum(text), path.display()))
        .collect()
}
