//! The flow walk of a body, statement by statement, tracking the guards and
//! values alive: lock-across-await, non-send-across-await and a lock taken
//! twice (`locks.rs` tells them; `live.rs` says what is alive).

use syn::spanned::Spanned;
use syn::{Block, Expr, Stmt};

use super::live::{sync_guard, temp_guard, Live, LiveKind};
use super::Rule;
use crate::source::finders::children::children;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, pat_idents, path_string, peel, place_text, pos};
use crate::source::walker::Walker;

pub(super) struct Flow;

impl Rule for Flow {
    fn body(&self, w: &mut Walker<'_>, block: &Block, spawned: bool) {
        let mut live = Vec::new();
        w.flow_block(block, &mut live, spawned);
    }
}

impl Walker<'_> {
    fn flow_block(&mut self, block: &Block, live: &mut Vec<Live>, spawned: bool) {
        let mark = live.len();
        for stmt in &block.stmts {
            match stmt {
                Stmt::Local(l) => {
                    if let Some(init) = &l.init {
                        self.flow_expr(&init.expr, live, spawned);
                        if let Some((_, d)) = &init.diverge {
                            self.flow_expr(d, live, spawned);
                        }
                        let mut names = Vec::new();
                        pat_idents(&l.pat, &mut names);
                        if let Some(kind) = self.live_kind(&init.expr, &l.pat, live) {
                            let at = pos(l.span());
                            for name in names {
                                live.push(Live::new(&name, kind.clone(), at));
                            }
                        }
                    }
                }
                Stmt::Expr(e, _) => {
                    if let Expr::Call(c) = peel(e) {
                        let callee = match peel(&c.func) {
                            Expr::Path(p) => path_string(&p.path),
                            _ => String::new(),
                        };
                        if callee == "drop" || callee.ends_with("mem::drop") {
                            if let Some(n) = c.args.first().and_then(ident_of) {
                                if let Some(i) = live.iter().rposition(|l| l.name == n) {
                                    live.remove(i);
                                }
                                continue;
                            }
                        }
                    }
                    self.flow_expr(e, live, spawned);
                }
                Stmt::Macro(m) => {
                    for e in macro_exprs(&m.mac) {
                        self.flow_expr(&e, live, spawned);
                    }
                }
                Stmt::Item(_) => {}
            }
        }
        live.truncate(mark);
    }

    fn flow_expr(&mut self, e: &Expr, live: &mut Vec<Live>, spawned: bool) {
        match e {
            Expr::Await(a) => {
                self.flow_expr(&a.base, live, spawned);
                // Taking a lock that this task already holds.
                if let Expr::MethodCall(m) = peel(&a.base) {
                    if m.method == "lock" || m.method == "write" {
                        self.relock(&place_text(&m.receiver), live, pos(m.span()));
                    }
                }
                self.at_await(pos(a.span()), live, spawned);
            }
            Expr::Block(b) => self.flow_block(&b.block, live, spawned),
            Expr::Unsafe(b) => self.flow_block(&b.block, live, spawned),
            Expr::If(i) => {
                let mark = live.len();
                self.flow_cond(&i.cond, live, spawned);
                self.flow_block(&i.then_branch, live, spawned);
                if let Some((_, e)) = &i.else_branch {
                    self.flow_expr(e, live, spawned);
                }
                live.truncate(mark);
            }
            Expr::Match(m) => {
                let mark = live.len();
                self.flow_expr(&m.expr, live, spawned);
                if let Some((target, kind)) = temp_guard(&m.expr) {
                    live.push(Live::new(
                        "(a temporary guard)",
                        LiveKind::Guard { target, kind },
                        pos(m.expr.span()),
                    ));
                }
                for arm in &m.arms {
                    self.flow_expr(&arm.body, live, spawned);
                }
                live.truncate(mark);
            }
            Expr::While(w) => {
                let mark = live.len();
                self.flow_cond(&w.cond, live, spawned);
                self.flow_block(&w.body, live, spawned);
                live.truncate(mark);
            }
            Expr::ForLoop(f) => {
                self.flow_expr(&f.expr, live, spawned);
                self.flow_block(&f.body, live, spawned);
            }
            Expr::Loop(l) => self.flow_block(&l.body, live, spawned),
            Expr::Async(_) | Expr::Closure(_) => {}
            Expr::Macro(m) => {
                for e in macro_exprs(&m.mac) {
                    self.flow_expr(&e, live, spawned);
                }
            }
            Expr::MethodCall(m) => {
                self.flow_expr(&m.receiver, live, spawned);
                if let Some((target, kind)) = sync_guard(&m.receiver) {
                    // `m.lock().unwrap().push(x)`: taking a std lock twice.
                    self.relock(&target, live, pos(m.span()));
                    let mark = live.len();
                    live.push(Live::new(
                        "(a temporary guard)",
                        LiveKind::Guard { target, kind },
                        pos(m.span()),
                    ));
                    for a in &m.args {
                        self.flow_expr(a, live, spawned);
                    }
                    live.truncate(mark);
                } else {
                    if matches!(m.method.to_string().as_str(), "lock") && m.args.is_empty() {
                        // A std lock taken while holding another (the await case is
                        // handled above).
                        self.relock(&place_text(&m.receiver), live, pos(m.span()));
                    }
                    for a in &m.args {
                        self.flow_expr(a, live, spawned);
                    }
                }
            }
            _ => {
                for c in children(e) {
                    self.flow_expr(c, live, spawned);
                }
            }
        }
    }

    fn flow_cond(&mut self, cond: &Expr, live: &mut Vec<Live>, spawned: bool) {
        self.flow_expr(cond, live, spawned);
        if let Expr::Let(l) = cond {
            if let Some((target, kind)) = sync_guard(&l.expr).or_else(|| temp_guard(&l.expr)) {
                let mut names = Vec::new();
                pat_idents(&l.pat, &mut names);
                let name = names.pop().unwrap_or_else(|| "(a temporary guard)".into());
                live.push(Live::new(
                    &name,
                    LiveKind::Guard { target, kind },
                    pos(l.span()),
                ));
            }
        }
    }
}
