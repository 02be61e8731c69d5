//! recursive-async: an `async fn` that calls itself without a box in between.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr};

use super::{FnItem, Rule};
use crate::catalogue::MistakeId;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, path_string, peel, pos};
use crate::source::walker::Walker;

/// The compiler says so too (E0733), where it gets that far.
const UNBOXED_SELF_CALL: f32 = 0.8;

pub(super) struct Recursion;

impl Rule for Recursion {
    fn fn_item(&self, w: &mut Walker<'_>, f: &FnItem<'_>) {
        if f.is_async() {
            w.check_recursion(f.name, f.block);
        }
    }
}

impl Walker<'_> {
    fn check_recursion(&mut self, name: &str, block: &Block) {
        struct R<'a> {
            name: &'a str,
            boxed: usize,
            hits: Vec<(usize, usize)>,
        }
        impl<'ast> Visit<'ast> for R<'_> {
            fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
                let callee = match peel(&c.func) {
                    Expr::Path(p) => path_string(&p.path),
                    _ => String::new(),
                };
                let boxing = callee.ends_with("Box::pin") || callee.ends_with("Box::new");
                if boxing {
                    self.boxed += 1;
                }
                if (callee == self.name || callee == format!("Self::{}", self.name))
                    && self.boxed == 0
                {
                    self.hits.push(pos(c.span()));
                }
                visit::visit_expr_call(self, c);
                if boxing {
                    self.boxed -= 1;
                }
            }
            fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
                if m.method == "boxed" || m.method == "boxed_local" {
                    self.boxed += 1;
                    visit::visit_expr_method_call(self, m);
                    self.boxed -= 1;
                    return;
                }
                if m.method == self.name
                    && ident_of(&m.receiver).as_deref() == Some("self")
                    && self.boxed == 0
                {
                    self.hits.push(pos(m.span()));
                }
                visit::visit_expr_method_call(self, m);
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                for e in macro_exprs(m) {
                    self.visit_expr(&e);
                }
            }
        }
        let mut r = R {
            name,
            boxed: 0,
            hits: Vec::new(),
        };
        r.visit_block(block);
        if let Some(&at) = r.hits.first() {
            self.add(
                MistakeId::RecursiveAsync,
                UNBOXED_SELF_CALL,
                at,
                format!("`async fn {name}` calls itself without a box in between"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{ids, top};

    #[test]
    fn recursion_needs_a_box() {
        let bad = "async fn walk(n: u32) -> u32 { if n == 0 { 0 } else { walk(n - 1).await + 1 } }";
        assert_eq!(top(bad), Some(MistakeId::RecursiveAsync));
        let fine = "async fn walk(n: u32) -> u32 { if n == 0 { 0 } else { Box::pin(walk(n - 1)).await + 1 } }";
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }
}
