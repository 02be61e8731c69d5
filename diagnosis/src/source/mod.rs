//! Evidence from the learner's source, parsed with `syn` (never grepped).
//!
//! The walk keeps track of where code runs: inside an async fn, an async
//! block or an async closure (*async*), in plain code (*sync*), or in a
//! closure handed to `spawn_blocking` / `thread::spawn` (*offloaded*, where
//! blocking is fine). A sync closure inside async code still runs on the
//! loop's thread, so it inherits *async*. Calls from async code into local
//! sync helpers are followed, so a `std::thread::sleep` two functions deep is
//! still found.
//!
//! Rules that depend on the order of statements (a guard alive at an
//! `.await`, a `Sender` still alive at a receiver loop, a future or a task
//! handle never used again) walk each block statement by statement.
//! Names are resolved through the file's `use` declarations, so `sleep` is
//! told apart when it is `std::thread::sleep` or `tokio::time::sleep`.
//!
//! One idea per file:
//! - `syntax.rs`, `macros.rs`: small helpers on `syn` values and macro calls;
//! - `finders/`: visitors that each answer one question about a piece of code;
//! - `imports.rs`, `knowledge.rs`, `gatherer.rs`: the first pass, what the whole
//!   file says (imports, functions, constants, aliases, channels);
//! - `walker.rs`, `walk.rs`: the main walk, its state and its traversal;
//! - `rules/`: the rules, one mistake family per file, each a `Rule` that
//!   the walk asks at the syntax it inspects, listed once in `RULES`;
//! - `testing.rs`: what the unit tests of every rule share.

mod finders;
mod gatherer;
mod imports;
mod knowledge;
mod macros;
mod rules;
mod syntax;
#[cfg(test)]
mod testing;
mod walk;
mod walker;

use syn::visit::Visit;

use crate::candidate::{Candidate, Note};
use knowledge::Knowledge;
use walker::Walker;

/// What the source says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SourceReport {
    pub candidates: Vec<Candidate>,
    /// Style observations.
    pub notes: Vec<Note>,
    /// False when the source does not parse (then only the compiler speaks).
    pub parsed: bool,
    /// What the program spawns, and where: the compiler's borrow errors
    /// are fitted to it (a closure needs `move ||`, an async block `async move`).
    pub spawns: Vec<SpawnSite>,
    /// The program looks at its tasks' failures somewhere (a `JoinError`
    /// matched and reported, `is_panic()`, `?`): a task's panic seen at run
    /// time was handled, unless the source shows a result thrown away.
    pub handles_join_errors: bool,
}

/// A closure or an async block handed to a spawn (`tokio::spawn`,
/// `spawn_blocking`, `std::thread::spawn`, `scope.spawn`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SpawnSite {
    /// Its first and last lines.
    pub first: usize,
    pub last: usize,
    pub what: Spawned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spawned {
    Closure,
    AsyncBlock,
}

/// Reads one program's source.
pub(crate) fn analyze(source: &str) -> SourceReport {
    let Ok(file) = syn::parse_file(source) else {
        return SourceReport::default();
    };
    let know = Knowledge::gather(&file);
    let mut walker = Walker::new(&know);
    walker.visit_file(&file);
    let mut report = walker.finish();
    report.parsed = true;
    report.handles_join_errors = finders::join_errors::handles_join_errors(&file, &know);
    report
}

#[cfg(test)]
mod tests {
    use crate::source::analyze;

    #[test]
    fn unparsable_source_says_nothing() {
        let r = analyze("fn main( {");
        assert!(!r.parsed && r.candidates.is_empty());
    }
}
