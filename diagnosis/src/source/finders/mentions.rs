//! [`Mentions`]: every path, method, macro and call a piece of code names.

use std::collections::HashSet;

use proc_macro2::TokenTree;
use syn::visit::{self, Visit};
use syn::{Block, Expr};

use crate::source::macros::macro_exprs;
use crate::source::syntax::{last_segment, path_string, peel};

/// Every path and method name mentioned in a piece of code, macros included.
#[derive(Default)]
pub(crate) struct Mentions {
    pub(crate) idents: HashSet<String>,
    pub(crate) methods: HashSet<String>,
    pub(crate) macros: HashSet<String>,
    pub(crate) calls: Vec<String>,
}

impl<'ast> Visit<'ast> for Mentions {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        for s in &p.segments {
            self.idents.insert(s.ident.to_string());
        }
        visit::visit_path(self, p);
    }
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(p) = peel(&c.func) {
            self.calls.push(path_string(&p.path));
        }
        visit::visit_expr_call(self, c);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        self.methods.insert(m.method.to_string());
        visit::visit_expr_method_call(self, m);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.macros.insert(last_segment(&m.path));
        for tt in m.tokens.clone() {
            if let TokenTree::Ident(i) = tt {
                self.idents.insert(i.to_string());
            }
        }
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
        visit::visit_macro(self, m);
    }
}

pub(crate) fn mentions_expr(e: &Expr) -> Mentions {
    let mut m = Mentions::default();
    m.visit_expr(e);
    m
}

pub(crate) fn mentions_block(b: &Block) -> Mentions {
    let mut m = Mentions::default();
    m.visit_block(b);
    m
}

pub(crate) fn mentions_stmt(s: &syn::Stmt) -> Mentions {
    let mut m = Mentions::default();
    m.visit_stmt(s);
    m
}
