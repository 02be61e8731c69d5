//! A style note, never a mistake: an `async fn` that awaits nothing could
//! be a plain fn.

use super::{FnItem, Rule};
use crate::candidate::Note;
use crate::finding::NoteId;
use crate::source::finders::await_finder::contains_await_block;
use crate::source::syntax::pos;
use crate::source::walker::Walker;

/// Style, not a bug: the note is told only for a program that passed.
const NO_AWAIT: f32 = 0.5;

pub(super) struct AsyncFnWithoutAwait;

impl Rule for AsyncFnWithoutAwait {
    fn fn_item(&self, w: &mut Walker<'_>, f: &FnItem<'_>) {
        // A trait's method, `main` and a test are async for their caller.
        if !f.is_async() || f.in_trait_impl || f.name == "main" || f.is_test {
            return;
        }
        if contains_await_block(f.block) {
            return;
        }
        let at = pos(f.sig.ident.span());
        w.notes.push(Note {
            id: NoteId::AsyncFnWithoutAwait,
            line: at.0,
            column: at.1,
            confidence: NO_AWAIT,
            detail: format!(
                "`async fn {}` never awaits anything: it could be a plain fn (style, not a bug)",
                f.name
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::NoteId;
    use crate::source::analyze;

    #[test]
    fn async_fn_without_await_is_a_note() {
        let r = analyze("async fn add(a: u32, b: u32) -> u32 { a + b }");
        assert!(r.candidates.is_empty());
        assert_eq!(r.notes[0].id, NoteId::AsyncFnWithoutAwait);
    }
}
