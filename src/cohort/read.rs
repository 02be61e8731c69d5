//! Gathering records: a file holds one record, stdin (`-`) one a line.
//! A record that cannot be read is named and skipped, never the end of
//! the table: in a room of a hundred, someone's file is always wrong.

use std::io::BufRead;
use std::path::Path;

use super::record::LearnerRecord;

/// Larger than any record: a file this big was given by mistake.
const MAX_RECORD_BYTES: u64 = 1 << 20;

/// A record, or why the one at `place` was skipped.
pub type Read = Result<LearnerRecord, Skipped>;

#[derive(Debug)]
pub struct Skipped {
    /// The file, or `stdin line N`.
    pub place: String,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "skipped {}: {}.", self.place, self.reason)
    }
}

/// The records of these sources, in order; `-` is stdin.
pub fn records(sources: &[impl AsRef<Path>], stdin: impl BufRead) -> Vec<Read> {
    let mut stdin = Some(stdin);
    let mut found = Vec::new();
    for source in sources {
        let source = source.as_ref();
        if source == Path::new("-") {
            // Read once; a second `-` finds it already drained.
            if let Some(stdin) = stdin.take() {
                found.extend(lines(stdin));
            }
        } else {
            found.push(file(source));
        }
    }
    found
}

fn file(path: &Path) -> Read {
    let skipped = |reason: String| Skipped {
        place: path.display().to_string(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| skipped(format!("cannot read it ({e})")))?
        .len();
    if size > MAX_RECORD_BYTES {
        return Err(skipped(format!(
            "it is {size} bytes, too large to be a learner record"
        )));
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| skipped(format!("cannot read it ({e})")))?;
    LearnerRecord::parse(&text).map_err(skipped)
}

fn lines(stdin: impl BufRead) -> Vec<Read> {
    let mut found = Vec::new();
    for (i, line) in stdin.lines().enumerate() {
        let place = format!("stdin line {}", i + 1);
        match line {
            Ok(line) if line.trim().is_empty() => {}
            Ok(line) => {
                found.push(LearnerRecord::parse(&line).map_err(|reason| Skipped { place, reason }))
            }
            Err(e) => {
                found.push(Err(Skipped {
                    place,
                    reason: format!("cannot read it ({e}); the rest of stdin is skipped too"),
                }));
                break;
            }
        }
    }
    found
}
