//! [`DrainFinder`]: does a block hold a loop that drains a receiver?

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, Stmt};

use super::children::children;
use crate::source::syntax::{ident_of, peel, place_text, pos};

/// Does this block contain a loop that drains a receiver: `while let
/// Some(x) = rx.recv().await`, `for x in rx`, `loop { match rx.recv()..`?
/// With `name`, only loops over that receiver count.
pub(crate) fn has_drain_loop(block: &Block, name: Option<&str>) -> bool {
    let mut f = DrainFinder { name, found: None };
    f.visit_block(block);
    f.found.is_some()
}

pub(crate) struct DrainFinder<'a> {
    pub(crate) name: Option<&'a str>,
    /// The line of the first drain loop.
    pub(crate) found: Option<(usize, usize)>,
}

const RECV_METHODS: &[&str] = &[
    "recv",
    "next",
    "recv_many",
    "iter",
    "blocking_recv",
    "try_next",
];

impl DrainFinder<'_> {
    fn receives_from(&self, e: &Expr) -> bool {
        let mut hit = false;
        let mut stack = vec![e];
        while let Some(e) = stack.pop() {
            if let Expr::MethodCall(m) = peel(e) {
                if RECV_METHODS.contains(&m.method.to_string().as_str()) {
                    let recv_name = ident_of(&m.receiver).or_else(|| match peel(&m.receiver) {
                        Expr::Field(_) => Some(place_text(&m.receiver)),
                        _ => None,
                    });
                    if let Some(n) = recv_name {
                        if self.name.is_none_or(|want| want == n) {
                            hit = true;
                        }
                    }
                }
            }
            if matches!(peel(e), Expr::Async(_) | Expr::Closure(_)) {
                continue;
            }
            stack.extend(children(e));
        }
        hit
    }
}

impl<'ast> Visit<'ast> for DrainFinder<'_> {
    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        if self.found.is_none() && self.receives_from(&w.cond) {
            self.found = Some(pos(w.span()));
        }
        visit::visit_expr_while(self, w);
    }
    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        let over_receiver = match (ident_of(&f.expr), self.name) {
            (Some(n), Some(want)) => n == want,
            _ => false,
        };
        if self.found.is_none() && (over_receiver || self.receives_from(&f.expr)) {
            self.found = Some(pos(f.span()));
        }
        visit::visit_expr_for_loop(self, f);
    }
    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        let mut receives = false;
        for s in &l.body.stmts {
            let e = match s {
                Stmt::Expr(e, _) => Some(e),
                Stmt::Local(l) => l.init.as_ref().map(|i| &*i.expr),
                _ => None,
            };
            if let Some(e) = e {
                if let Expr::Match(m) = peel(e) {
                    receives |= self.receives_from(&m.expr);
                } else if let Expr::Let(_) | Expr::If(_) = peel(e) {
                    receives |= self.receives_from(e);
                } else if let Some(init) = match s {
                    Stmt::Local(l) => l.init.as_ref(),
                    _ => None,
                } {
                    receives |= init.diverge.is_some() && self.receives_from(&init.expr);
                }
            }
        }
        if self.found.is_none() && receives {
            self.found = Some(pos(l.span()));
        }
        visit::visit_expr_loop(self, l);
    }
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
