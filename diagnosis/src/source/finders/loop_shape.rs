//! [`LoopShape`]: what a loop body awaits, assigns and declares, and whether it exits early.

use std::collections::HashSet;

use syn::visit::{self, Visit};
use syn::{Block, Expr, Local};

use crate::source::macros::macro_exprs;
use crate::source::syntax::{last_segment, pat_idents, root_ident};

/// What a loop body does, seen from outside its nested async blocks and
/// closures.
#[derive(Default)]
pub(crate) struct LoopShape<'a> {
    pub(crate) awaits: Vec<&'a Expr>,
    /// Names assigned (`x = ..`, `x += ..`).
    pub(crate) assigned: HashSet<String>,
    /// Names bound by `let` inside the body.
    pub(crate) declared: HashSet<String>,
    /// A `break` or `return`: a round's result decides whether to go on.
    pub(crate) exits: bool,
}

impl<'a> LoopShape<'a> {
    pub(crate) fn of(body: &'a Block) -> Self {
        let mut s = LoopShape::default();
        s.visit_block(body);
        s
    }
}

impl<'a> Visit<'a> for LoopShape<'a> {
    fn visit_expr_await(&mut self, e: &'a syn::ExprAwait) {
        self.awaits.push(&e.base);
        visit::visit_expr_await(self, e);
    }
    fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
        if let Some(n) = root_ident(&a.left) {
            self.assigned.insert(n);
        }
        visit::visit_expr_assign(self, a);
    }
    fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
        use syn::BinOp::*;
        if matches!(
            b.op,
            AddAssign(_)
                | SubAssign(_)
                | MulAssign(_)
                | DivAssign(_)
                | RemAssign(_)
                | BitOrAssign(_)
                | BitAndAssign(_)
                | BitXorAssign(_)
                | ShlAssign(_)
                | ShrAssign(_)
        ) {
            if let Some(n) = root_ident(&b.left) {
                self.assigned.insert(n);
            }
        }
        visit::visit_expr_binary(self, b);
    }
    fn visit_local(&mut self, l: &'a Local) {
        let mut names = Vec::new();
        pat_idents(&l.pat, &mut names);
        self.declared.extend(names);
        visit::visit_local(self, l);
    }
    fn visit_expr_break(&mut self, b: &'a syn::ExprBreak) {
        self.exits = true;
        visit::visit_expr_break(self, b);
    }
    fn visit_expr_return(&mut self, r: &'a syn::ExprReturn) {
        self.exits = true;
        visit::visit_expr_return(self, r);
    }
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// Can this code leave the loop around it: a `break`, a `return`, a `?`,
/// or a `select!` (whose branches usually do)? Nested closures and async
/// blocks are their own code.
pub(crate) fn block_exits(b: &Block) -> bool {
    let mut v = Exits(false);
    v.visit_block(b);
    v.0
}

/// [`block_exits`], for an expression (a `match` arm).
pub(crate) fn expr_exits(e: &Expr) -> bool {
    let mut v = Exits(false);
    v.visit_expr(e);
    v.0
}

struct Exits(bool);

impl<'ast> Visit<'ast> for Exits {
    fn visit_expr_break(&mut self, _: &'ast syn::ExprBreak) {
        self.0 = true;
    }
    fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
        self.0 = true;
    }
    fn visit_expr_try(&mut self, t: &'ast syn::ExprTry) {
        self.0 = true;
        visit::visit_expr_try(self, t);
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if last_segment(&m.path) == "select" {
            self.0 = true;
        }
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
    }
}
