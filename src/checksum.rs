//! The checksum of a shipped exercise text, as exercises/.checksums lists
//! it: FNV-1a, 64 bits, in 16 hex digits. No dependency, stable forever,
//! and it only guards against accidents (a learner's edit taken for the
//! original), not against anyone.
//!
//! One definition for the runner (`src/originals.rs`) and the build script
//! that embeds the texts (`build.rs`), which both include this file with
//! `#[path]`: it must need nothing but `std`.

/// The checksum of `bytes` (a path that may not be UTF-8, or a text).
pub fn checksum_bytes(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The checksum of a text.
pub fn checksum(text: &str) -> String {
    checksum_bytes(text.as_bytes())
}

/// One line of exercises/.checksums: `CHECKSUM  PATH`.
pub fn checksum_line(text: &str, path: &str) -> String {
    format!("{}  {path}\n", checksum(text))
}

/// The lines of exercises/.checksums, each `(checksum, path, 1-based
/// line)`; a line that is not `CHECKSUM  PATH` is skipped.
pub fn checksum_lines(file: &str) -> impl Iterator<Item = (&str, &str, usize)> {
    file.lines()
        .enumerate()
        .filter_map(|(i, line)| line.split_once("  ").map(|(sum, path)| (sum, path, i + 1)))
}
