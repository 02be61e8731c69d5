//! sequential-awaits: independent waits awaited one after another, in statements or a loop.

use std::collections::HashSet;

use syn::spanned::Spanned;
use syn::{Expr, Stmt};

use crate::diagnosis::source::finders::mentions::{mentions_block, mentions_expr};
use crate::diagnosis::source::syntax::{pat_idents, peel, pos, root_ident};
use crate::diagnosis::source::walker::Walker;

impl Walker<'_> {
    /// Independent waits awaited one after another.
    pub(super) fn sequential(&mut self, stmts: &[Stmt]) {
        let mut run: Vec<(usize, usize)> = Vec::new();
        let mut bound: HashSet<String> = HashSet::new();
        let mut best: Option<(usize, (usize, usize))> = None;
        for stmt in stmts {
            let (call, names) = match stmt {
                Stmt::Local(l) => {
                    let mut n = Vec::new();
                    pat_idents(&l.pat, &mut n);
                    (l.init.as_ref().map(|i| &*i.expr), n)
                }
                Stmt::Expr(e, Some(_)) => (Some(e), Vec::new()),
                _ => (None, Vec::new()),
            };
            let wait = call.and_then(|e| self.independent_wait(e, &bound));
            match wait {
                Some(at) => {
                    run.push(at);
                    bound.extend(names);
                    if run.len() >= 2 && best.is_none_or(|b| b.0 < run.len()) {
                        best = Some((run.len(), run[1]));
                    }
                }
                None => {
                    run.clear();
                    bound.clear();
                }
            }
        }
        if let Some((n, at)) = best {
            self.add(
                "sequential-awaits",
                0.3,
                at,
                format!(
                    "{n} independent waits are awaited one after another, so their times add up"
                ),
            );
        }
        // A loop over independent items that awaits the work of each item
        // before starting the next: `for x in items { f(x).await }`, also
        // `while let Some(x) = iter.next()`.
        for stmt in stmts {
            let (pat, body) = match stmt {
                Stmt::Expr(Expr::ForLoop(f), _) => (&*f.pat, &f.body),
                Stmt::Expr(Expr::While(w), _) => match &*w.cond {
                    Expr::Let(l) if is_iterator_step(&l.expr) => {
                        // A work list that the rounds refill is not a list
                        // of independent items.
                        let walked = match peel(&l.expr) {
                            Expr::MethodCall(m) => root_ident(&m.receiver),
                            _ => None,
                        };
                        if walked.is_some_and(|n| mentions_block(&w.body).idents.contains(&n)) {
                            continue;
                        }
                        (&*l.pat, &w.body)
                    }
                    _ => continue,
                },
                _ => continue,
            };
            if let Some(at) = self.loop_of_independent_waits(pat, body) {
                self.add(
                    "sequential-awaits",
                    0.3,
                    at,
                    "each round of this loop waits for its item's future before starting the next item, so the waits add up",
                );
            }
        }
    }

    /// `f(x).await` (maybe `?`-ed, maybe an argument of `push`) where `f`
    /// is a local async fn that waits, or a sleep.
    fn waiting_call_in(&self, e: &Expr) -> Option<(usize, usize)> {
        let e = match peel(e) {
            Expr::Try(t) => peel(&t.expr),
            Expr::MethodCall(m) if m.method == "push" && m.args.len() == 1 => peel(&m.args[0]),
            other => other,
        };
        let e = match e {
            Expr::Try(t) => peel(&t.expr),
            other => other,
        };
        let Expr::Await(a) = e else { return None };
        let Expr::Call(c) = peel(&a.base) else {
            return None;
        };
        let path = self.know.resolve_call(c)?;
        let last = path.rsplit("::").next().unwrap_or("");
        let waits = (self.know.fns.contains_key(last)
            && self
                .know
                .fn_is(last, |f| f.waits && (f.is_async || f.returns_future)))
            || path.ends_with("time::sleep");
        waits.then(|| pos(a.span()))
    }

    fn independent_wait(&self, e: &Expr, bound: &HashSet<String>) -> Option<(usize, usize)> {
        let at = self.waiting_call_in(e)?;
        let m = mentions_expr(e);
        if m.idents.iter().any(|i| bound.contains(i)) {
            return None;
        }
        Some(at)
    }
}

/// `iter.next()` (no `.await`), `queue.pop()`, `queue.pop_front()`: a
/// `while let` that walks the items of a collection.
fn is_iterator_step(e: &Expr) -> bool {
    matches!(peel(e), Expr::MethodCall(m)
        if m.args.is_empty() && matches!(m.method.to_string().as_str(), "next" | "pop" | "pop_front"))
}
