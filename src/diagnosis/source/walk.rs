//! The main walk: how [`Walker`] visits fns, blocks, calls, loops and macros, and runs the rules.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, ItemFn, Pat};

use super::finders::await_finder::contains_await_block;
use super::finders::cost;
use super::macros::{macro_exprs, select_branches};
use super::rules::cpu_hog::LoopKind;
use super::syntax::{last_segment, path_string, peel, pos, range_len};
use super::walker::{addr, CallSite, Ctx, Event, Walker};
use super::Spawned;
use crate::diagnosis::{Candidate, Evidence};

impl Walker<'_> {
    fn visit_fn(
        &mut self,
        name: String,
        sig: &syn::Signature,
        attrs: &[syn::Attribute],
        block: &Block,
        in_trait_impl: bool,
    ) {
        let tokio_attr = attrs.iter().find_map(|a| {
            let p = path_string(a.path());
            (p.starts_with("tokio::") || p == "test").then_some(p)
        });
        let is_test = attrs.iter().any(|a| last_segment(a.path()) == "test");
        let is_async = sig.asyncness.is_some();
        let is_entry = name == "main" || is_test;
        if is_async && tokio_attr.as_deref() == Some("tokio::main") && name != "main" {
            // A helper that starts a runtime of its own: calling it from async
            // code nests runtimes.
            let at = pos(sig.ident.span());
            self.summaries.entry(name.clone()).or_default().push(Event {
                id: "nested-runtime",
                confidence: 0.8,
                line: at.0,
                detail: format!("`{name}` starts a runtime of its own (`#[tokio::main]`)"),
                cost: 1,
            });
        }
        if is_async && name == "main" && tokio_attr.is_none() {
            self.add(
                "missing-runtime",
                0.85,
                pos(sig.fn_token.span()),
                "`async fn main` has no `#[tokio::main]`: nothing starts a runtime to drive it",
            );
        }
        if is_async {
            if !in_trait_impl && !contains_await_block(block) && name != "main" && !is_test {
                let at = pos(sig.ident.span());
                self.notes.push(
                    Candidate::new(
                        "async-fn-without-await",
                        Evidence::Source,
                        0.5,
                        format!("`async fn {name}` never awaits anything: it could be a plain fn (style, not a bug)"),
                    )
                    .at(at.0, at.1),
                );
            }
            self.check_recursion(&name, block);
        }
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
        match self.fn_params.get(&name) {
            Some(Some(before)) if *before != params => {
                self.fn_params.insert(name.clone(), None);
            }
            Some(_) => {}
            None => {
                self.fn_params.insert(name.clone(), Some(params));
            }
        }
        let ctx = if is_async { Ctx::Async } else { Ctx::Sync };
        self.enter_body(ctx, Some(name), is_entry, is_async.then_some(block));
        let spawned = is_async
            && self
                .know
                .spawned_fns
                .contains(self.frame().fn_name.as_deref().unwrap_or(""));
        // Sync fns too: a std lock taken twice, or two locks in an order.
        self.flow_body(block, spawned);
        self.visit_block(block);
        self.frames.pop();
    }
}

impl Walker<'_> {
    /// Walks a loop's body: one level deeper, `rounds` times as costly.
    fn in_loop(&mut self, rounds: u64, body: impl FnOnce(&mut Self)) {
        let frame = self.frames.last_mut().expect("frame");
        frame.loop_depth += 1;
        let outer = frame.loop_factor;
        frame.loop_factor = outer.saturating_mul(rounds);
        body(self);
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
        let trait_name = i.trait_.as_ref().map(|(_, p, _)| last_segment(p));
        self.struct_keeps_its_sender(i);
        if matches!(trait_name.as_deref(), Some("Future") | Some("Stream")) {
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    if f.sig.ident == "poll" || f.sig.ident == "poll_next" {
                        self.lost_wakeup(f);
                    }
                }
            }
        }
        if matches!(trait_name.as_deref(), Some("Wake") | Some("ArcWake")) {
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    if f.sig.ident.to_string().starts_with("wake") && f.block.stmts.is_empty() {
                        self.add(
                            "lost-wakeup",
                            0.7,
                            pos(f.sig.ident.span()),
                            "this waker does nothing when woken, so a pending task is never put back in the queue",
                        );
                        self.only_routes_of_last(&["wake-requeues"]);
                    }
                }
            }
        }
        for item in &i.items {
            if let syn::ImplItem::Fn(f) = item {
                self.visit_fn(
                    f.sig.ident.to_string(),
                    &f.sig,
                    &f.attrs,
                    &f.block,
                    trait_name.is_some(),
                );
            } else {
                self.visit_impl_item(item);
            }
        }
    }

    fn visit_block(&mut self, b: &'ast Block) {
        self.block_rules(b);
        visit::visit_block(self, b);
    }

    fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
        match peel(&e.base) {
            Expr::Call(c) => {
                self.awaited.insert(addr(c));
            }
            Expr::MethodCall(m) => {
                self.awaited.insert(addr(m));
            }
            _ => {}
        }
        if self.ctx() != Ctx::Async || self.frame().plain_closure {
            // The way out: a closure that returns a future, or an async fn.
            let (what, routes): (&str, &'static [&'static str]) = if self.frame().plain_closure {
                ("a closure that is not async", &["async-block"])
            } else {
                ("code that is not async", &["async-fn"])
            };
            let at = pos(e.span());
            self.candidates.push(
                Candidate::new(
                    "await-outside-async",
                    Evidence::Source,
                    0.7,
                    format!("`.await` in {what}"),
                )
                .at(at.0, at.1)
                .only_routes(routes),
            );
        }
        visit::visit_expr_await(self, e);
    }

    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        let spawned = self.spawned_blocks.contains(&addr(a));
        let is_entry = self.frame().is_entry && !spawned;
        self.enter_body(Ctx::Async, None, is_entry, Some(&a.block));
        self.flow_body(&a.block, spawned);
        visit::visit_expr_async(self, a);
        self.frames.pop();
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        let ctx = if c.asyncness.is_some() {
            Ctx::Async
        } else if self.offloaded.contains(&addr(c)) {
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
            self.enter_body(ctx, None, is_entry, block);
            if let Some(b) = block {
                self.flow_body(b, false);
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
                    self.offloaded.insert(addr(cl));
                    if !path.ends_with("thread::scope") {
                        self.spawned(a, Spawned::Closure);
                    }
                }
                Expr::Async(ab) if self.know.is_spawn_expr(&Expr::Call(c.clone())) => {
                    self.spawned_blocks.insert(addr(ab));
                    self.spawned(a, Spawned::AsyncBlock);
                }
                _ => {}
            }
        }
        self.check_call(c);
        self.timeout_in_loop(c);
        let last = path.rsplit("::").next().unwrap_or("");
        let joins = [
            "join_all",
            "try_join_all",
            "join",
            "join3",
            "join4",
            "join5",
            "try_join",
            "try_join3",
            "try_join4",
        ];
        if joins.contains(&last) && path.starts_with("futures::") {
            let args: Vec<Expr> = c.args.iter().cloned().collect();
            self.awaited_before_join(last, &args);
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
                        self.spawned_blocks.insert(addr(ab));
                        self.spawned(a, Spawned::AsyncBlock);
                    }
                    Expr::Closure(cl) => {
                        // `thread::Builder::new().spawn(|| ..)`, `scope.spawn(|| ..)`,
                        // `handle.spawn_blocking(|| ..)`
                        self.offloaded.insert(addr(cl));
                        self.spawned(a, Spawned::Closure);
                    }
                    _ => {}
                }
            }
        }
        self.check_method(m);
        let method = m.method.to_string();
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
        self.check_loop(&f.body, Some(&f.expr), f.span(), LoopKind::For);
        self.spawn_per_item(&f.body, range_len(&f.expr, &self.know.consts), f.span());
        self.visit_expr(&f.expr);
        let rounds = cost::rounds(&f.expr, &self.know.consts);
        self.in_loop(rounds, |w| w.visit_block(&f.body));
    }

    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        self.check_loop(&w.body, Some(&w.cond), w.span(), LoopKind::While);
        self.visit_expr(&w.cond);
        self.in_loop(cost::UNKNOWN_ROUNDS, |walker| walker.visit_block(&w.body));
    }

    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        self.check_loop(&l.body, None, l.span(), LoopKind::Loop);
        self.spawn_per_item(&l.body, Some(u128::MAX), l.span());
        self.in_loop(cost::UNKNOWN_ROUNDS, |w| w.visit_block(&l.body));
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = last_segment(&m.path);
        if name == "select" {
            let in_loop = self.frame().loop_depth > 0;
            for (future, body) in select_branches(&m.tokens) {
                if in_loop && self.ctx() == Ctx::Async {
                    if let Some(why) = self.cancel_unsafe(&future) {
                        self.add(
                            "cancel-unsafe-select",
                            0.72,
                            pos(future.span()),
                            format!("in a loop, `select!` drops {why} whenever another branch wins, losing what it had done"),
                        );
                    }
                }
                self.visit_expr(&future);
                self.visit_expr(&body);
            }
            return;
        }
        let exprs = macro_exprs(m);
        if matches!(name.as_str(), "join" | "try_join") {
            self.awaited_before_join(&format!("{name}!"), &exprs);
        }
        for e in exprs {
            self.visit_expr(&e);
        }
    }

    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        self.visit_macro(&m.mac);
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnosis::source::analyze;

    /// In a closure the way out is a closure that returns a future; in a
    /// plain fn, an async fn.
    #[test]
    fn await_outside_async_fits_the_way_out() {
        let closure = r#"
            async fn count(item: &str) -> usize { item.len() }
            async fn count_all(items: &[&str]) -> Vec<usize> {
                items.iter().map(|item| count(item).await).collect()
            }
        "#;
        let r = analyze(closure);
        let c = r
            .candidates
            .iter()
            .find(|c| c.id == "await-outside-async")
            .unwrap();
        assert_eq!((c.line, c.routes), (4, &["async-block"][..]));
        let plain = r#"
            async fn count(item: &str) -> usize { item.len() }
            fn count_one(item: &str) -> usize {
                count(item).await
            }
        "#;
        let r = analyze(plain);
        let c = r
            .candidates
            .iter()
            .find(|c| c.id == "await-outside-async")
            .unwrap();
        assert_eq!((c.line, c.routes), (4, &["async-fn"][..]));
    }

    #[test]
    fn async_fn_without_await_is_a_note() {
        let r = analyze("async fn add(a: u32, b: u32) -> u32 { a + b }");
        assert!(r.candidates.is_empty());
        assert_eq!(r.notes[0].id, "async-fn-without-await");
    }
}
