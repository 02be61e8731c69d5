//! [`Children`]: the direct sub-expressions of an expression.

use syn::visit::{self, Visit};
use syn::Expr;

/// Collects the direct sub-expressions of an expression.
#[derive(Default)]
struct Children<'ast> {
    found: Vec<&'ast Expr>,
}

impl<'ast> Visit<'ast> for Children<'ast> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        self.found.push(e);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

pub(crate) fn children(e: &Expr) -> Vec<&Expr> {
    let mut c = Children::default();
    visit::visit_expr(&mut c, e);
    c.found
}
