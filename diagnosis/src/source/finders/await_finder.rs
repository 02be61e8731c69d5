//! [`AwaitFinder`]: does a piece of code await anything of its own, and how often?

use syn::visit::{self, Visit};
use syn::{Block, Stmt};

use crate::source::macros::{is_awaiting_macro, macro_exprs};

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

/// Does this code wait for anything besides a turn of the loop? An
/// `.await` of `yield_now()` lets other tasks run, but waits for nobody:
/// a producer that only yields is not slowed by its consumer.
pub(crate) fn waits_beyond_yields(b: &Block) -> bool {
    let mut f = AwaitFinder::default();
    f.visit_block(b);
    f.count > f.yields
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
    /// Of `count`, the awaits of `yield_now()`.
    yields: usize,
}

impl<'ast> Visit<'ast> for AwaitFinder {
    fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
        self.found = true;
        self.count += 1;
        if let syn::Expr::Call(c) = &*e.base {
            if matches!(&*c.func, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "yield_now"))
            {
                self.yields += 1;
            }
        }
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

/// Methods that add to a collection (or a string) kept in a local.
const ACCUMULATE: &[&str] = &[
    "push",
    "push_str",
    "push_back",
    "push_front",
    "insert",
    "extend",
    "append",
    "extend_from_slice",
];

/// Does this code build up a local across `.await`s: a loop that awaits and
/// adds to a collection declared with `let` in the same code (`let mut batch
/// = Vec::new(); while .. { batch.push(rx.recv().await..) }`)? Dropping such
/// a future part-way loses what it had gathered. State kept outside (a
/// `&mut` parameter, a field) survives, so it does not count.
pub(crate) fn accumulates_across_awaits(b: &Block) -> bool {
    #[derive(Default)]
    struct Locals(std::collections::HashSet<String>);
    impl<'ast> Visit<'ast> for Locals {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            let mut p = &l.pat;
            if let syn::Pat::Type(t) = p {
                p = &t.pat;
            }
            if let syn::Pat::Ident(i) = p {
                self.0.insert(i.ident.to_string());
            }
            visit::visit_local(self, l);
        }
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    struct Adds<'a> {
        locals: &'a std::collections::HashSet<String>,
        hit: bool,
    }
    impl Adds<'_> {
        fn local(&self, e: &syn::Expr) -> bool {
            matches!(e, syn::Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.locals.contains(&i.to_string())))
        }
    }
    impl<'ast> Visit<'ast> for Adds<'_> {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if ACCUMULATE.contains(&m.method.to_string().as_str()) && self.local(&m.receiver) {
                self.hit = true;
            }
            visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_binary(&mut self, a: &'ast syn::ExprBinary) {
            if matches!(a.op, syn::BinOp::AddAssign(_)) && self.local(&a.left) {
                self.hit = true;
            }
            visit::visit_expr_binary(self, a);
        }
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
    }
    struct Loops<'a> {
        locals: &'a std::collections::HashSet<String>,
        hit: bool,
    }
    impl Loops<'_> {
        fn check(&mut self, awaits: bool, body: &Block) {
            if awaits || contains_await_block(body) {
                let mut a = Adds {
                    locals: self.locals,
                    hit: false,
                };
                a.visit_block(body);
                self.hit |= a.hit;
            }
        }
    }
    impl<'ast> Visit<'ast> for Loops<'_> {
        fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
            let mut f = AwaitFinder::default();
            f.visit_expr(&w.cond);
            self.check(f.found, &w.body);
            visit::visit_expr_while(self, w);
        }
        fn visit_expr_for_loop(&mut self, l: &'ast syn::ExprForLoop) {
            self.check(false, &l.body);
            visit::visit_expr_for_loop(self, l);
        }
        fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
            self.check(false, &l.body);
            visit::visit_expr_loop(self, l);
        }
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
    }
    let mut locals = Locals::default();
    locals.visit_block(b);
    let mut loops = Loops {
        locals: &locals.0,
        hit: false,
    };
    loops.visit_block(b);
    loops.hit
}

#[cfg(test)]
mod tests {
    use super::accumulates_across_awaits;

    fn block(src: &str) -> syn::Block {
        syn::parse_str(src).unwrap()
    }

    #[test]
    fn a_local_gathered_across_awaits() {
        let b = block(
            "{ let mut got = Vec::new(); loop { match source.next().await { Some(x) => got.push(x), None => break } } got }",
        );
        assert!(accumulates_across_awaits(&b));
        let b = block("{ let mut n = 0; while let Some(x) = s.recv().await { n += x; } n }");
        assert!(accumulates_across_awaits(&b));
        // State kept outside the future survives a cancellation.
        let b = block("{ while let Some(x) = s.recv().await { out.push(x); } }");
        assert!(!accumulates_across_awaits(&b));
        // Gathering with no wait in between is not interrupted.
        let b = block("{ let mut v = Vec::new(); for x in 0..3 { v.push(x); } f(v).await }");
        assert!(!accumulates_across_awaits(&b));
    }
}
