//! [`UseFinder`]: how a name is used ([`Use`]) in the statements after it is bound.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, Stmt};

use super::mentions::{mentions_block, mentions_expr};
use crate::source::knowledge::Knowledge;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, last_segment, pat_binds, path_string, peel, pos};

/// How a name is used in the statements after it is bound.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Use {
    Awaited,
    /// `name.method(..)`; the flag says whether an argument is a future or a
    /// spawned task (`futs.push(fetch(i))`, `handles.push(spawn(..))`).
    Method(String, bool),
    /// Passed by value to a function or macro.
    Arg(String),
    Dropped,
    /// Moved into a `move` closure or an `async move` block.
    Captured,
    /// Moved, by value, into a tuple, a struct or an array (`tx.send((n,
    /// reply))`, `Order { reply }`): the value goes wherever that goes.
    Packed,
    /// `for x in name`
    ForIter,
    /// Anything else (borrowed, compared, printed, returned...).
    Other,
}

impl Use {
    /// Does this use take the value away from the binding?
    pub(crate) fn moves(&self) -> bool {
        matches!(
            self,
            Use::Arg(_) | Use::Dropped | Use::Captured | Use::ForIter | Use::Packed
        )
    }
}

pub(crate) struct UseFinder<'k> {
    name: String,
    know: &'k Knowledge,
    pub(crate) uses: Vec<(Use, usize)>,
}

impl<'k> UseFinder<'k> {
    pub(crate) fn new(name: &str, know: &'k Knowledge) -> Self {
        UseFinder {
            name: name.to_string(),
            know,
            uses: Vec::new(),
        }
    }

    fn is_me(&self, e: &Expr) -> bool {
        ident_of(e).as_deref() == Some(self.name.as_str())
    }

    fn push(&mut self, u: Use, span: proc_macro2::Span) {
        self.uses.push((u, pos(span).0));
    }

    /// The elements of a tuple, a struct or an array: the name itself
    /// among them is moved into it.
    fn packed<'e>(&mut self, elems: impl Iterator<Item = &'e Expr>) {
        for e in elems {
            if self.is_me(e) {
                self.push(Use::Packed, e.span());
            } else {
                self.visit_expr(e);
            }
        }
    }

    /// Uses in a run of statements, stopping where the name is shadowed.
    pub(crate) fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.visit_stmt(s);
            if let Stmt::Local(l) = s {
                if pat_binds(&l.pat, &self.name) {
                    return;
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for UseFinder<'_> {
    fn visit_block(&mut self, b: &'ast Block) {
        self.stmts(&b.stmts);
    }
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Await(a) if self.is_me(&a.base) => self.push(Use::Awaited, a.span()),
            Expr::MethodCall(m) if self.is_me(&m.receiver) => {
                let special = m
                    .args
                    .iter()
                    .any(|a| self.know.is_future_expr(a) || self.know.is_spawn_expr(a));
                self.push(Use::Method(m.method.to_string(), special), m.span());
                m.args.iter().for_each(|a| self.visit_expr(a));
            }
            Expr::Call(c) => {
                let callee = match peel(&c.func) {
                    Expr::Path(p) => path_string(&p.path),
                    _ => String::new(),
                };
                for a in &c.args {
                    if self.is_me(a) {
                        if callee == "drop" || callee.ends_with("mem::drop") {
                            self.push(Use::Dropped, a.span());
                        } else {
                            self.push(Use::Arg(callee.clone()), a.span());
                        }
                    } else {
                        self.visit_expr(a);
                    }
                }
                self.visit_expr(&c.func);
            }
            Expr::Closure(c) if c.capture.is_some() => {
                if mentions_expr(&c.body).idents.contains(&self.name) {
                    self.push(Use::Captured, c.span());
                }
            }
            Expr::Closure(c) if c.inputs.iter().any(|p| pat_binds(p, &self.name)) => {}
            Expr::Async(a) if a.capture.is_some() => {
                if mentions_block(&a.block).idents.contains(&self.name) {
                    self.push(Use::Captured, a.span());
                }
            }
            Expr::ForLoop(f) => {
                if self.is_me(&f.expr) {
                    self.push(Use::ForIter, f.expr.span());
                } else {
                    self.visit_expr(&f.expr);
                }
                if !pat_binds(&f.pat, &self.name) {
                    self.visit_block(&f.body);
                }
            }
            Expr::Tuple(t) => self.packed(t.elems.iter()),
            Expr::Array(a) => self.packed(a.elems.iter()),
            Expr::Struct(s) => {
                self.packed(s.fields.iter().map(|f| &f.expr));
                if let Some(rest) = &s.rest {
                    self.visit_expr(rest);
                }
            }
            Expr::Path(_) if self.is_me(e) => self.push(Use::Other, e.span()),
            _ => visit::visit_expr(self, e),
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = last_segment(&m.path);
        for e in macro_exprs(m) {
            if self.is_me(&e) && matches!(name.as_str(), "join" | "try_join" | "pin" | "select") {
                self.push(Use::Arg(format!("{name}!")), e.span());
            } else {
                self.visit_expr(&e);
            }
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
