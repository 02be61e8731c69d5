//! [`AwaitFinder`]: does a piece of code await anything of its own, and how often?

use syn::visit::{self, Visit};
use syn::{Block, Stmt};

use crate::diagnosis::source::macros::{is_awaiting_macro, macro_exprs};

/// Does this code contain an `.await` of its own (not in a nested async
/// block, async closure or item, which are futures of their own)?
pub(crate) fn contains_await_block(b: &Block) -> bool {
    let mut f = AwaitFinder::default();
    f.visit_block(b);
    f.found
}

pub(crate) fn count_awaits_block(b: &Block) -> usize {
    let mut f = AwaitFinder::default();
    f.visit_block(b);
    f.count
}

pub(crate) fn contains_await_stmt(s: &Stmt) -> bool {
    let mut f = AwaitFinder::default();
    f.visit_stmt(s);
    f.found
}

#[derive(Default)]
struct AwaitFinder {
    found: bool,
    count: usize,
}

impl<'ast> Visit<'ast> for AwaitFinder {
    fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
        self.found = true;
        self.count += 1;
        visit::visit_expr_await(self, e);
    }
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        if c.asyncness.is_none() {
            visit::visit_expr_closure(self, c);
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // `select!` and `join!` await their futures without writing `.await`.
        if is_awaiting_macro(m) {
            self.found = true;
            self.count += 1;
        }
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
    }
}
