//! [`Walker`]: the state of the main walk, its bookkeeping, and the report it finishes with.

use std::collections::{HashMap, HashSet};

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr};

use super::knowledge::Knowledge;
use super::macros::{is_awaiting_macro, macro_exprs};
use super::syntax::{alias_source, peel, pos};
use super::SourceReport;
use crate::diagnosis::{Candidate, Evidence};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ctx {
    Sync,
    Async,
    /// A closure given to `spawn_blocking`, `thread::spawn`...: blocking is fine.
    Offloaded,
}

#[derive(Debug, Clone)]
pub(super) struct Frame {
    pub(super) ctx: Ctx,
    /// The innermost named function.
    pub(super) fn_name: Option<String>,
    /// `main`, or a test: when it returns, its runtime stops.
    pub(super) is_entry: bool,
    pub(super) loop_depth: usize,
    /// The `.await`s of this body: (line, column, is a mere sleep).
    pub(super) awaits: Vec<(usize, usize, bool)>,
}

/// A blocking (or runtime-starting, or heavy) call, before we know whether
/// its function is called from async code.
#[derive(Debug, Clone)]
pub(super) struct Event {
    pub(super) id: &'static str,
    pub(super) confidence: f32,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) detail: String,
}

pub(super) struct Walker<'k> {
    pub(super) know: &'k Knowledge,
    pub(super) frames: Vec<Frame>,
    /// Addresses of the call expressions that are awaited.
    pub(super) awaited: HashSet<usize>,
    pub(super) spawned_blocks: HashSet<usize>,
    pub(super) offloaded: HashSet<usize>,
    pub(super) candidates: Vec<Candidate>,
    pub(super) notes: Vec<Candidate>,
    /// Per sync fn: what blocking (or nested-runtime, heavy) things it does.
    pub(super) summaries: HashMap<String, Vec<Event>>,
    /// Calls of local fns: (callee, caller fn, ctx, line, column).
    pub(super) calls: Vec<(String, Option<String>, Ctx, usize, usize)>,
    /// Lock pairs seen while a guard was alive.
    pub(super) lock_pairs: Vec<LockPair>,
    /// The parameter names of each local fn (`self` for a receiver); `None`
    /// when two fns of that name disagree.
    pub(super) fn_params: HashMap<String, Option<Vec<String>>>,
    /// Calls of local fns and methods: the places passed (the receiver
    /// first for a method), as seen through aliases; `?` for anything else.
    pub(super) call_sites: Vec<CallSite>,
}

/// A lock taken while another is held, in function `func`.
#[derive(Debug, Clone)]
pub(super) struct LockPair {
    pub(super) held: String,
    pub(super) taken: String,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) func: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct CallSite {
    pub(super) callee: String,
    pub(super) args: Vec<String>,
    pub(super) line: usize,
}

pub(super) fn addr<T>(t: &T) -> usize {
    t as *const T as usize
}

impl<'k> Walker<'k> {
    pub(super) fn new(know: &'k Knowledge) -> Self {
        Walker {
            know,
            frames: vec![Frame {
                ctx: Ctx::Sync,
                fn_name: None,
                is_entry: false,
                loop_depth: 0,
                awaits: Vec::new(),
            }],
            awaited: HashSet::new(),
            spawned_blocks: HashSet::new(),
            offloaded: HashSet::new(),
            candidates: Vec::new(),
            notes: Vec::new(),
            summaries: HashMap::new(),
            calls: Vec::new(),
            lock_pairs: Vec::new(),
            fn_params: HashMap::new(),
            call_sites: Vec::new(),
        }
    }

    pub(super) fn frame(&self) -> &Frame {
        self.frames.last().expect("the root frame is never popped")
    }

    pub(super) fn ctx(&self) -> Ctx {
        self.frame().ctx
    }

    pub(super) fn add(
        &mut self,
        id: &'static str,
        confidence: f32,
        at: (usize, usize),
        detail: impl Into<String>,
    ) {
        self.candidates
            .push(Candidate::new(id, Evidence::Source, confidence, detail).at(at.0, at.1));
    }

    /// A blocking-ish event: a candidate now when in async code, or a
    /// summary of the enclosing sync fn for its async callers.
    pub(super) fn event(
        &mut self,
        id: &'static str,
        confidence: f32,
        at: (usize, usize),
        detail: String,
    ) {
        match self.ctx() {
            Ctx::Async => self.add(id, confidence, at, format!("{detail}, inside async code")),
            Ctx::Sync => {
                if let Some(f) = self.frame().fn_name.clone() {
                    self.summaries.entry(f).or_default().push(Event {
                        id,
                        confidence,
                        line: at.0,
                        column: at.1,
                        detail,
                    });
                }
            }
            Ctx::Offloaded => {}
        }
    }

    fn body_awaits(&self, block: &Block) -> Vec<(usize, usize, bool)> {
        struct A<'a, 'k> {
            w: &'a Walker<'k>,
            out: Vec<(usize, usize, bool)>,
        }
        impl<'ast> Visit<'ast> for A<'_, '_> {
            fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
                let sleepy = match peel(&e.base) {
                    Expr::Call(c) => self.w.know.resolve_call(c).is_some_and(|p| {
                        p.ends_with("sleep")
                            || p.ends_with("sleep_until")
                            || p.ends_with("yield_now")
                    }),
                    _ => false,
                };
                let (l, c) = pos(e.span());
                self.out.push((l, c, sleepy));
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
                if is_awaiting_macro(m) {
                    let (l, c) = pos(m.path.span());
                    self.out.push((l, c, false));
                }
                for e in macro_exprs(m) {
                    self.visit_expr(&e);
                }
            }
        }
        let mut a = A {
            w: self,
            out: Vec::new(),
        };
        a.visit_block(block);
        a.out
    }

    pub(super) fn enter_body(
        &mut self,
        ctx: Ctx,
        fn_name: Option<String>,
        is_entry: bool,
        block: Option<&Block>,
    ) {
        let awaits = block.map(|b| self.body_awaits(b)).unwrap_or_default();
        let fn_name = fn_name.or_else(|| self.frame().fn_name.clone());
        self.frames.push(Frame {
            ctx,
            fn_name,
            is_entry,
            loop_depth: 0,
            awaits,
        });
    }

    pub(super) fn finish(mut self) -> SourceReport {
        // Follow calls from async code into sync helpers that block.
        for _ in 0..4 {
            let mut grew = false;
            for (callee, caller, ctx, _, _) in self.calls.clone() {
                if ctx != Ctx::Sync {
                    continue;
                }
                let (Some(caller), Some(events)) = (caller, self.summaries.get(&callee).cloned())
                else {
                    continue;
                };
                if caller == callee {
                    continue;
                }
                let entry = self.summaries.entry(caller).or_default();
                for ev in events {
                    if !entry.iter().any(|e| e.line == ev.line && e.id == ev.id) {
                        entry.push(ev);
                        grew = true;
                    }
                }
            }
            if !grew {
                break;
            }
        }
        let mut seen = HashSet::new();
        for (callee, _, ctx, line, column) in self.calls.clone() {
            if ctx != Ctx::Async || self.know.is_async_fn(&callee) {
                continue;
            }
            for ev in self.summaries.get(&callee).cloned().unwrap_or_default() {
                if seen.insert((ev.id, ev.line)) {
                    self.candidates.push(
                        Candidate::new(
                            ev.id,
                            Evidence::Source,
                            ev.confidence * 0.9,
                            format!(
                                "{} (line {}), and async code calls `{callee}` on line {line}",
                                ev.detail, ev.line
                            ),
                        )
                        .at(ev.line, ev.column.max(1)),
                    );
                    let _ = column;
                }
            }
        }
        self.lock_order();
        SourceReport {
            candidates: self.candidates,
            notes: self.notes,
            parsed: true,
        }
    }
}

impl Walker<'_> {
    /// The place an argument passes, seen through the aliases of the
    /// function it is written in; `?` when it is not a place.
    pub(super) fn arg_place(&self, e: &Expr) -> String {
        let place = alias_source(e).unwrap_or_else(|| "?".to_string());
        if place.contains('?') {
            return place;
        }
        self.know.resolve_place(&self.frame().fn_name, &place)
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnosis::source::testing::top;

    #[test]
    fn blocking_two_calls_deep() {
        let bad = r#"
            fn load() -> String { std::fs::read_to_string("x").unwrap() }
            fn prepare() -> String { load() }
            async fn handler() -> usize { prepare().len() }
        "#;
        assert_eq!(top(bad), Some("blocking-in-async"));
    }
}
