//! What the diagnosis gives back: findings, each a catalogue mistake (or,
//! in `notes`, a style observation) at a place, in the course's words.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalogue::MistakeId;

/// A classic mistake (or, with a [`NoteId`], a style observation) found in
/// a program. Its `id` is written as the catalogue's string, such as
/// `MistakeId::MissingAwait`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Finding<Id = MistakeId> {
    pub id: Id,
    /// 1-based line in the program's file; 0 when the finding has no line.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What went wrong and what to try, in the course's words.
    pub message: String,
    /// 0.0 to 1.0: how sure the diagnosis is.
    pub confidence: f32,
}

/// A style observation: never the reason for a failure, and not a catalogue
/// mistake.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum NoteId {
    /// An `async fn` that awaits nothing could be a plain fn.
    AsyncFnWithoutAwait,
}

/// From this confidence on, a finding names the mistake; below it, the
/// evidence fits the mistake without singling it out, and the finding is
/// told as a possibility.
pub const SURE: f32 = 0.6;

impl<Id> Finding<Id> {
    /// Does the evidence single this mistake out (see [`SURE`])?
    pub fn is_sure(&self) -> bool {
        self.confidence >= SURE
    }
}

impl NoteId {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteId::AsyncFnWithoutAwait => "async-fn-without-await",
        }
    }
}

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_is_written_with_the_ids_string() {
        let finding = Finding {
            id: MistakeId::MissingAwait,
            line: 3,
            column: 5,
            message: "m".into(),
            confidence: 0.5,
        };
        let json = serde_json::to_value(&finding).unwrap();
        assert_eq!(json["id"], "missing-await");
        let back: Finding = serde_json::from_value(json).unwrap();
        assert_eq!(back, finding);
        let note = serde_json::to_value(NoteId::AsyncFnWithoutAwait).unwrap();
        assert_eq!(note, NoteId::AsyncFnWithoutAwait.as_str());
    }
}
