//! [`Candidate`]: one piece of evidence pointing at a mistake, before the
//! ranking weighs it; [`Note`]: a style observation.

use crate::catalogue::{MistakeId, Routes};
use crate::finding::NoteId;

/// Which kind of evidence a candidate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum EvidenceKind {
    Compiler,
    Source,
    Runtime,
}

/// One piece of evidence pointing at a mistake, before ranking.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub(crate) id: MistakeId,
    /// 1-based; 0 when unknown.
    pub(crate) line: usize,
    /// 1-based; 0 when unknown.
    pub(crate) column: usize,
    /// 0.0 to 1.0, before the verdict is taken into account.
    pub(crate) confidence: f32,
    /// What was seen, specifically (one sentence, no advice: the catalogue
    /// adds the explanation and what to try).
    pub(crate) detail: String,
    pub(crate) evidence: EvidenceKind,
    /// The keys of the catalogue routes that fit what was seen (for
    /// example only `move ||` for a closure); empty means all of them.
    pub(crate) routes: &'static [&'static str],
    /// Inside the program's tests (a `#[cfg(test)]` module or a test fn):
    /// a line outside them that shows the same mistake is pointed at first.
    pub(crate) in_tests: bool,
    /// A rough estimate of what this instance costs (milliseconds of
    /// waiting, times the rounds of the loops around it): of several places
    /// that show the same mistake, the costliest is pointed at first.
    pub(crate) cost: u64,
}

impl Candidate {
    pub(crate) fn new(
        id: MistakeId,
        evidence: EvidenceKind,
        confidence: f32,
        detail: impl Into<String>,
    ) -> Self {
        Candidate {
            id,
            line: 0,
            column: 0,
            confidence,
            detail: detail.into(),
            evidence,
            routes: &[],
            in_tests: false,
            cost: 0,
        }
    }

    /// What this instance costs (see [`Candidate::cost`]).
    pub(crate) fn costing(mut self, cost: u64) -> Self {
        self.cost = cost;
        self
    }

    /// Advise only these catalogue routes: the others do not fit here.
    pub(crate) fn only_routes(mut self, routes: Routes) -> Self {
        debug_assert_eq!(routes.id, self.id, "the routes of another mistake");
        self.routes = routes.keys;
        self
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }
}

/// A style observation about the source: told only for a program that
/// passed, never the reason for a failure.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Note {
    pub(crate) id: NoteId,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) confidence: f32,
    /// What was seen, one sentence.
    pub(crate) detail: String,
}
