//! Helpers the unit tests of every source rule share: run `analyze`, read what it found
//! (a candidate counts when the ranking would tell it to a learner whose program failed).

use super::analyze;
use crate::catalogue::MistakeId;
use crate::ranking::FAILING_THRESHOLD;

pub(super) fn ids(src: &str) -> Vec<MistakeId> {
    let r = analyze(src);
    assert!(r.parsed, "the test source must parse");
    r.candidates
        .iter()
        .filter(|c| c.confidence >= FAILING_THRESHOLD)
        .map(|c| c.id)
        .collect()
}

pub(super) fn top(src: &str) -> Option<MistakeId> {
    let r = analyze(src);
    r.candidates
        .iter()
        .filter(|c| c.confidence >= FAILING_THRESHOLD)
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        .map(|c| c.id)
}

pub(super) fn confidence(src: &str, id: MistakeId) -> f32 {
    analyze(src)
        .candidates
        .iter()
        .filter(|c| c.id == id)
        .map(|c| c.confidence)
        .fold(0.0, f32::max)
}

/// The lines of the candidates with this id, in order.
pub(super) fn lines(src: &str, id: MistakeId) -> Vec<usize> {
    let r = analyze(src);
    assert!(r.parsed, "the test source must parse");
    let mut out: Vec<usize> = r
        .candidates
        .iter()
        .filter(|c| c.id == id)
        .map(|c| c.line)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The catalogue routes advised by the strongest candidate with this id
/// (empty: all of them).
pub(super) fn routes(src: &str, id: MistakeId) -> &'static [&'static str] {
    analyze(src)
        .candidates
        .iter()
        .filter(|c| c.id == id)
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        .map_or(&[], |c| c.routes)
}
