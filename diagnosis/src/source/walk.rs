//! The main walk: how [`Walker`] visits fns, blocks, calls, loops and
//! macros, keeps track of where code runs, and asks the rules ([`RULES`])
//! at each kind of syntax.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, ItemFn, Pat};

use super::finders::cost;
use super::finders::mentions::mentions_block;
use super::macros::{macro_exprs, select_branches};
use super::rules::{FnItem, Loop, LoopKind, RULES};
use super::syntax::{has_test_attr, ident_of, last_segment, path_string, peel, pos};
use super::walker::{CallSite, Ctx, NodeId, Walker};
use super::Spawned;

impl Walker<'_> {
    fn visit_fn(
        &mut self,
        name: String,
        sig: &syn::Signature,
        attrs: &[syn::Attribute],
        block: &Block,
        in_trait_impl: bool,
    ) {
        let runtime_attr = attrs.iter().find_map(|a| {
            let p = path_string(a.path());
            (p.starts_with("tokio::") || p == "test").then_some(p)
        });
        let is_test = has_test_attr(attrs);
        let is_async = sig.asyncness.is_some();
        let is_entry = name == "main" || is_test;
        let item = FnItem {
            name: &name,
            sig,
            block,
            in_trait_impl,
            runtime_attr,
            is_test,
        };
        for rule in RULES {
            rule.fn_item(self, &item);
        }
        self.remember_params(&name, sig);
        let ctx = if is_async { Ctx::Async } else { Ctx::Sync };
        self.enter_body(ctx, Some(name), is_entry, is_async.then_some(block));
        let frame = self.frames.last_mut().expect("just pushed");
        frame.fn_joins = is_async && joins_futures(block);
        frame.joined = false;
        let spawned = is_async
            && self
                .know
                .spawned_fns
                .contains(self.frame().fn_name.as_deref().unwrap_or(""));
        // Sync fns too: a std lock taken twice, or two locks in an order.
        self.body_rules(block, spawned);
        self.visit_block(block);
        self.frames.pop();
    }

    /// The parameter names of a fn (`self` for a receiver), for the lock
    /// order rule; `None` when two fns of that name disagree.
    fn remember_params(&mut self, name: &str, sig: &syn::Signature) {
        let params: Vec<String> = sig
            .inputs
            .iter()
            .map(|a| match a {
                syn::FnArg::Receiver(_) => "self".to_string(),
                syn::FnArg::Typed(t) => match &*t.pat {
                    Pat::Ident(i) => i.ident.to_string(),
                    _ => "_".to_string(),
                },
            })
            .collect();
        match self.fn_params.get(name) {
            Some(Some(before)) if *before != params => {
                self.fn_params.insert(name.to_string(), None);
            }
            Some(_) => {}
            None => {
                self.fn_params.insert(name.to_string(), Some(params));
            }
        }
    }

    fn body_rules(&mut self, block: &Block, spawned: bool) {
        for rule in RULES {
            rule.body(self, block, spawned);
        }
    }

    /// Walks a loop: the rules see it, then its head, then its body, one
    /// level deeper and `rounds` times as costly.
    fn walk_loop(&mut self, l: Loop<'_>, rounds: u64) {
        for rule in RULES {
            rule.loop_expr(self, &l);
        }
        if let Some(head) = l.head {
            self.visit_expr(head);
        }
        let frame = self.frames.last_mut().expect("frame");
        frame.loop_depth += 1;
        let outer = frame.loop_factor;
        frame.loop_factor = outer.saturating_mul(rounds);
        self.visit_block(l.body);
        let frame = self.frames.last_mut().expect("frame");
        frame.loop_depth -= 1;
        frame.loop_factor = outer;
    }
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_item_fn(&mut self, f: &'ast ItemFn) {
        self.visit_fn(f.sig.ident.to_string(), &f.sig, &f.attrs, &f.block, false);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        for rule in RULES {
            rule.impl_block(self, i);
        }
        let in_trait_impl = i.trait_.is_some();
        for item in &i.items {
            if let syn::ImplItem::Fn(f) = item {
                self.visit_fn(
                    f.sig.ident.to_string(),
                    &f.sig,
                    &f.attrs,
                    &f.block,
                    in_trait_impl,
                );
            } else {
                self.visit_impl_item(item);
            }
        }
    }

    fn visit_block(&mut self, b: &'ast Block) {
        let stmts = &b.stmts;
        for (i, stmt) in stmts.iter().enumerate() {
            for rule in RULES {
                rule.statement(self, stmt, &stmts[i + 1..]);
            }
        }
        for rule in RULES {
            rule.block(self, stmts);
        }
        visit::visit_block(self, b);
    }

    fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
        match peel(&e.base) {
            Expr::Call(c) => {
                self.awaited.insert(NodeId::of(c));
            }
            Expr::MethodCall(m) => {
                self.awaited.insert(NodeId::of(m));
            }
            _ => {}
        }
        for rule in RULES {
            rule.await_expr(self, e);
        }
        visit::visit_expr_await(self, e);
    }

    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        let spawned = self.spawned_blocks.contains(&NodeId::of(a));
        let is_entry = self.frame().is_entry && !spawned;
        let joined = !spawned && (self.frame().joined || self.frame().fn_joins);
        self.enter_body(Ctx::Async, None, is_entry, Some(&a.block));
        self.frames.last_mut().expect("just pushed").joined = joined;
        self.body_rules(&a.block, spawned);
        visit::visit_expr_async(self, a);
        self.frames.pop();
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        let ctx = if c.asyncness.is_some() {
            Ctx::Async
        } else if self.offloaded.contains(&NodeId::of(c)) {
            Ctx::Offloaded
        } else {
            self.ctx()
        };
        let is_entry = self.frame().is_entry;
        if ctx == Ctx::Async {
            let block = match &*c.body {
                Expr::Block(b) => Some(&b.block),
                _ => None,
            };
            let joined = c.asyncness.is_some() && (self.frame().joined || self.frame().fn_joins);
            self.enter_body(ctx, None, is_entry, block);
            if c.asyncness.is_some() {
                self.frames.last_mut().expect("just pushed").joined = joined;
            }
            if let Some(b) = block {
                self.body_rules(b, false);
            }
        } else {
            self.enter_body(ctx, None, is_entry, None);
            let awaits = self.frames[self.frames.len() - 2].awaits.clone();
            self.frames.last_mut().expect("just pushed").awaits = awaits;
        }
        self.frames.last_mut().expect("just pushed").plain_closure = c.asyncness.is_none();
        visit::visit_expr_closure(self, c);
        self.frames.pop();
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        let path = self.know.resolve_call(c).unwrap_or_default();
        let offloading = path.ends_with("spawn_blocking")
            || path.ends_with("block_in_place")
            || path == "std::thread::spawn"
            || path.ends_with("thread::spawn")
            || path.ends_with("thread::scope");
        for a in &c.args {
            match peel(a) {
                Expr::Closure(cl) if offloading => {
                    self.offloaded.insert(NodeId::of(cl));
                    if !path.ends_with("thread::scope") {
                        self.spawned(a, Spawned::Closure);
                    }
                }
                Expr::Async(ab) if self.know.is_spawn_expr(&Expr::Call(c.clone())) => {
                    self.spawned_blocks.insert(NodeId::of(ab));
                    self.spawned(a, Spawned::AsyncBlock);
                }
                _ => {}
            }
        }
        // A call of a local fn, followed when the walk ends (see `finish`).
        let last = path.rsplit("::").next().unwrap_or("");
        if self.know.fns.contains_key(last)
            && (path == last || path.starts_with("Self::") || path.starts_with("self::"))
        {
            self.called(last.to_string(), pos(c.span()));
        }
        for rule in RULES {
            rule.call(self, c);
        }
        if let Expr::Path(p) = peel(&c.func) {
            let callee = last_segment(&p.path);
            let local = p.path.segments.len() == 1
                || matches!(
                    path_string(&p.path).split("::").next(),
                    Some("Self" | "self")
                );
            if local && self.know.fns.contains_key(&callee) {
                let args = c.args.iter().map(|a| self.arg_place(a)).collect();
                self.call_sites.push(CallSite {
                    callee,
                    args,
                    line: pos(c.span()).0,
                });
            }
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if m.method == "spawn" || m.method == "spawn_blocking" {
            for a in &m.args {
                match peel(a) {
                    Expr::Async(ab) => {
                        self.spawned_blocks.insert(NodeId::of(ab));
                        self.spawned(a, Spawned::AsyncBlock);
                    }
                    Expr::Closure(cl) => {
                        // `thread::Builder::new().spawn(|| ..)`, `scope.spawn(|| ..)`,
                        // `handle.spawn_blocking(|| ..)`
                        self.offloaded.insert(NodeId::of(cl));
                        self.spawned(a, Spawned::Closure);
                    }
                    _ => {}
                }
            }
        }
        let method = m.method.to_string();
        if self.know.fns.contains_key(&method) && ident_of(&m.receiver).as_deref() == Some("self") {
            self.called(method.clone(), pos(m.span()));
        }
        for rule in RULES {
            rule.method_call(self, m);
        }
        if self.know.fns.contains_key(&method) {
            let args = std::iter::once(&*m.receiver)
                .chain(m.args.iter())
                .map(|a| self.arg_place(a))
                .collect();
            self.call_sites.push(CallSite {
                callee: method,
                args,
                line: pos(m.span()).0,
            });
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        let rounds = cost::rounds(&f.expr, &self.know.consts);
        let l = Loop {
            kind: LoopKind::For,
            head: Some(&f.expr),
            body: &f.body,
            span: f.span(),
        };
        self.walk_loop(l, rounds);
    }

    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        let l = Loop {
            kind: LoopKind::While,
            head: Some(&w.cond),
            body: &w.body,
            span: w.span(),
        };
        self.walk_loop(l, cost::UNKNOWN_ROUNDS);
    }

    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        let l = Loop {
            kind: LoopKind::Loop,
            head: None,
            body: &l.body,
            span: l.span(),
        };
        self.walk_loop(l, cost::UNKNOWN_ROUNDS);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = last_segment(&m.path);
        if name == "select" {
            for (future, body) in select_branches(&m.tokens) {
                for rule in RULES {
                    rule.select_branch(self, &future);
                }
                self.visit_expr(&future);
                let frame = self.frames.len() - 1;
                let outer = std::mem::replace(&mut self.frames[frame].in_select_branch, true);
                self.visit_expr(&body);
                self.frames[frame].in_select_branch = outer;
            }
            return;
        }
        let exprs = macro_exprs(m);
        for rule in RULES {
            rule.macro_call(self, &name, &exprs);
        }
        for e in exprs {
            self.visit_expr(&e);
        }
    }

    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        self.visit_macro(&m.mac);
    }
}

/// Does this fn join futures in its own task (`join!`, `try_join!`,
/// `join_all`, `try_join_all`, `future::join`)?
fn joins_futures(block: &Block) -> bool {
    let m = mentions_block(block);
    m.macros.iter().any(|n| n == "join" || n == "try_join")
        || m.calls.iter().any(|c| {
            matches!(
                c.rsplit("::").next().unwrap_or(""),
                "join_all" | "try_join_all" | "join" | "try_join" | "join3" | "join4" | "join5"
            )
        })
}
