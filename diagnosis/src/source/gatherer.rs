//! [`Gatherer`]: the first pass over the file, which fills [`Knowledge`].

use std::collections::{HashMap, HashSet};

use proc_macro2::TokenTree;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, ImplItemFn, ItemFn, Local, Pat};

use super::finders::await_finder::{accumulates_across_awaits, count_awaits_block};
use super::finders::drain_finder::has_drain_loop;
use super::finders::mentions::{mentions_block, mentions_expr, Mentions};
use super::knowledge::{FnInfo, Knowledge, CANCEL_UNSAFE_METHODS};
use super::syntax::{
    alias_source, has_test_attr, ident_of, int_value, last_segment, let_name, pat_idents,
    path_string, peel, quote_type,
};

/// The first pass: imports, functions, constants, and names worth knowing.
pub(super) struct Gatherer<'k> {
    pub(super) k: &'k mut Knowledge,
    /// The function being read (for aliases, which are per function).
    pub(super) current_fn: Option<String>,
    /// Local async fns whose futures are spawned.
    pub(super) spawn_args: Vec<String>,
    /// For each async fn, the local async fns it awaits.
    pub(super) awaits_in: HashMap<String, Vec<String>>,
    /// Local fns whose body may panic (an `unwrap`, an index, a division).
    pub(super) panicky: HashSet<String>,
    /// The type of the `impl` block being read, if any.
    pub(super) current_impl: Option<String>,
}

impl Gatherer<'_> {
    fn add_fn(
        &mut self,
        name: String,
        sig: &syn::Signature,
        block: &Block,
        attrs: &[syn::Attribute],
    ) {
        if may_panic(block) {
            self.panicky.insert(name.clone());
        }
        let returns_future = match &sig.output {
            syn::ReturnType::Type(_, t) => {
                let text = quote_type(t);
                text.contains("Future")
            }
            syn::ReturnType::Default => false,
        };
        if name == "main" || has_test_attr(attrs) {
            self.k.has_entry = true;
        }
        let tokio_main = attrs.iter().any(|a| {
            let p = path_string(a.path());
            p == "tokio::main" || p == "tokio::test"
        });
        if tokio_main {
            self.k.has_tokio_runtime = true;
        }
        if name == "main"
            && sig.asyncness.is_some()
            && !attrs
                .iter()
                .any(|a| path_string(a.path()).starts_with("tokio::"))
        {
            self.k.async_main_without_runtime = true;
        }
        let mentions = mentions_block(block);
        let awaits = count_awaits_block(block);
        let cancel_unsafe = awaits >= 2
            || accumulates_across_awaits(block)
            || CANCEL_UNSAFE_METHODS
                .iter()
                .any(|m| mentions.methods.contains(*m));
        let drains = has_drain_loop(block, None);
        let mut callees: Vec<String> = mentions
            .calls
            .iter()
            .map(|c| c.rsplit("::").next().unwrap_or("").to_string())
            .collect();
        callees.extend(mentions.methods.iter().cloned());
        // Calls of this very fn: `fib(..)`, `Self::fib(..)`, `Timer::new(..)`
        // inside `impl Timer`; not `Arc::new(..)` inside a `new`.
        let own = |c: &str| match c.rsplit_once("::") {
            None => c == name,
            Some((owner, last)) => {
                last == name
                    && (owner == "Self"
                        || owner == "self"
                        || self.current_impl.as_deref() == Some(owner))
            }
        };
        let self_calls = mentions.calls.iter().filter(|c| own(c)).count();
        *self.k.self_calls.entry(name.clone()).or_default() += self_calls;
        // A test that times the code checks a budget, and says so when it
        // is not met; a program that reports its own time cares about it.
        let is_test = has_test_attr(attrs);
        if !is_test
            && mentions.calls.iter().any(|c| c.ends_with("Instant::now"))
            && ["elapsed", "duration_since"]
                .iter()
                .any(|m| mentions.methods.contains(*m))
        {
            self.k.timed_fns.insert(name.clone());
        }
        self.awaits_in.insert(name.clone(), callees);
        self.k.fns.entry(name).or_default().push(FnInfo {
            is_async: sig.asyncness.is_some() && !tokio_main,
            returns_future,
            waits: awaits > 0,
            cancel_unsafe,
            drains,
        });
    }
}

impl Gatherer<'_> {
    /// `let b = a.clone()` and friends, also in tuples:
    /// `let (s1, c1) = (savings.clone(), checking.clone())`.
    fn aliases(&mut self, pat: &Pat, e: &Expr) {
        let pairs: Vec<(&Pat, &Expr)> = match (pat, peel(e)) {
            (Pat::Tuple(t), Expr::Tuple(v)) if t.elems.len() == v.elems.len() => {
                t.elems.iter().zip(v.elems.iter()).collect()
            }
            (Pat::Tuple(_), _) => return,
            _ => vec![(pat, e)],
        };
        for (pat, e) in pairs {
            let name = match pat {
                Pat::Ident(p) => p.ident.to_string(),
                Pat::Type(t) => match &*t.pat {
                    Pat::Ident(p) => p.ident.to_string(),
                    _ => continue,
                },
                _ => continue,
            };
            let Some(to) = alias_source(e) else { continue };
            if to == name || to.split('.').next() == Some(name.as_str()) {
                continue; // `let tx = tx.clone()`: the same name, shadowed
            }
            let key = (self.current_fn.clone(), name);
            match self.k.aliases.get(&key) {
                Some(Some(before)) if *before != to => {
                    self.k.aliases.insert(key, None);
                }
                Some(_) => {}
                None => {
                    self.k.aliases.insert(key, Some(to));
                }
            }
        }
    }

    /// `let (tx, rx) = ..channel(..)` and `let tx2 = tx.clone()`.
    fn senders(&mut self, pat: &Pat, e: &Expr) {
        if let (Pat::Tuple(t), Expr::Call(c)) = (pat, e) {
            let path = self.k.resolve_call(c).unwrap_or_default();
            let last = path.rsplit("::").next().unwrap_or("");
            if t.elems.len() == 2 && last.ends_with("channel") {
                let (mut txs, mut rxs) = (Vec::new(), Vec::new());
                pat_idents(&t.elems[0], &mut txs);
                pat_idents(&t.elems[1], &mut rxs);
                for tx in txs {
                    self.k.senders.entry(tx).or_default().extend(rxs.clone());
                }
            }
            return;
        }
        let mut names = Vec::new();
        pat_idents(pat, &mut names);
        if let (Some(name), Some(from)) = (names.first(), alias_source(e)) {
            if let Some(rxs) = self.k.senders.get(&from).cloned() {
                self.k.senders.entry(name.clone()).or_default().extend(rxs);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Gatherer<'_> {
    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        if let Some(over) = ident_of(&f.expr) {
            if self.k.handle_collections.contains(&over) {
                let mut names = Vec::new();
                pat_idents(&f.pat, &mut names);
                self.k.handle_names.extend(names);
            }
        }
        visit::visit_expr_for_loop(self, f);
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.k.imports.add("", &u.tree);
    }
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.attrs.iter().any(is_cfg_test) {
            self.k.test_lines.push(lines_of(m.span()));
        }
        visit::visit_item_mod(self, m);
    }
    fn visit_item_fn(&mut self, f: &'ast ItemFn) {
        if has_test_attr(&f.attrs) {
            self.k.test_lines.push(lines_of(f.span()));
        }
        self.add_fn(f.sig.ident.to_string(), &f.sig, &f.block, &f.attrs);
        let outer = self.current_fn.replace(f.sig.ident.to_string());
        visit::visit_item_fn(self, f);
        self.current_fn = outer;
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let ty = match &*i.self_ty {
            syn::Type::Path(p) => Some(last_segment(&p.path)),
            _ => None,
        };
        let outer = std::mem::replace(&mut self.current_impl, ty);
        visit::visit_item_impl(self, i);
        self.current_impl = outer;
    }
    fn visit_impl_item_fn(&mut self, f: &'ast ImplItemFn) {
        if has_test_attr(&f.attrs) {
            self.k.test_lines.push(lines_of(f.span()));
        }
        self.add_fn(f.sig.ident.to_string(), &f.sig, &f.block, &f.attrs);
        let outer = self.current_fn.replace(f.sig.ident.to_string());
        visit::visit_impl_item_fn(self, f);
        self.current_fn = outer;
    }
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if p.qself.is_none() && p.path.segments.len() == 1 {
            self.k
                .mentioned
                .insert(p.path.segments[0].ident.to_string());
        }
        visit::visit_expr_path(self, p);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Names inside `println!`, `join!`, `select!`... are mentions too.
        for tt in m.tokens.clone() {
            if let TokenTree::Ident(i) = tt {
                self.k.mentioned.insert(i.to_string());
            }
        }
        visit::visit_macro(self, m);
    }
    fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
        if let Some(v) = int_value(&c.expr, &self.k.consts) {
            self.k.consts.insert(c.ident.to_string(), v);
        }
    }
    fn visit_local(&mut self, l: &'ast Local) {
        if let Some(init) = &l.init {
            let e = peel(&init.expr);
            self.aliases(&l.pat, e);
            self.senders(&l.pat, e);
            if let (Pat::Tuple(t), Expr::Call(c)) = (&l.pat, e) {
                if let Expr::Path(p) = peel(&c.func) {
                    let path = self.k.imports.resolve(&p.path);
                    if path.starts_with("std::sync::mpsc::") && t.elems.len() == 2 {
                        let mut names = Vec::new();
                        pat_idents(&t.elems[1], &mut names);
                        self.k.std_receivers.extend(names);
                    }
                }
            }
            if let Some(name) = let_name(l) {
                if self.k.is_spawn_expr(e) {
                    self.k.handle_names.insert(name.clone());
                }
                let m = mentions_expr(e);
                if m.methods.contains("collect") && m.calls.iter().any(|c| c.ends_with("spawn")) {
                    self.k.handle_collections.insert(name);
                }
            }
        }
        visit::visit_local(self, l);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        // `set.spawn(work(x))`: a `JoinSet` runs a local async fn as a task.
        if self.k.is_spawn_expr(&Expr::MethodCall(m.clone())) {
            if let Expr::Call(inner) = peel(&m.args[0]) {
                if let Expr::Path(p) = peel(&inner.func) {
                    self.spawn_args.push(last_segment(&p.path));
                }
            }
        }
        // `handles.push(spawn(..))`, `handles.push((name, spawn(..)))`
        let pushes_handle = m.args.len() == 1
            && match peel(&m.args[0]) {
                Expr::Tuple(t) => t.elems.iter().any(|e| self.k.is_spawn_expr(e)),
                arg => self.k.is_spawn_expr(arg),
            };
        if m.method == "push" && pushes_handle {
            if let Some(n) = ident_of(&m.receiver) {
                self.k.handle_collections.insert(n);
            }
        }
        match m.method.to_string().as_str() {
            "wake" | "wake_by_ref" => self.k.wake_called = true,
            "notify_one" | "notify_last" => self.k.notify_called = true,
            "notify_waiters" => {
                self.k.notify_called = true;
                self.k.notify_waiters_called = true;
            }
            "add_permits" => self.k.add_permits_called = true,
            "block_on" => self.k.has_tokio_runtime = true,
            "buffer_unordered" | "buffered" | "acquire" | "acquire_owned" => {
                self.k.limits_concurrency = true
            }
            _ => {}
        }
        visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Some(path) = self.k.resolve_call(c) {
            if path.ends_with("thread::spawn") || path.ends_with("thread::scope") {
                self.k.uses_thread_spawn = true;
            }
            if path.ends_with("block_on") {
                self.k.calls_block_on = true;
            }
            if path.contains("Runtime::new")
                || path.contains("Builder::new_")
                || path.ends_with("tokio_test::block_on")
            {
                self.k.has_tokio_runtime = true;
            }
            if path.ends_with("Semaphore::new") || path.ends_with("buffer_unordered") {
                self.k.limits_concurrency = true;
            }
            if path.ends_with("wake") || path.ends_with("wake_by_ref") {
                self.k.wake_called = true;
            }
            if self.k.is_spawn_expr(&Expr::Call(c.clone())) {
                if let Some(arg) = c.args.first() {
                    match peel(arg) {
                        Expr::Call(inner) => {
                            if let Expr::Path(p) = peel(&inner.func) {
                                self.spawn_args.push(last_segment(&p.path));
                            }
                        }
                        Expr::Async(a) => {
                            let m = mentions_block(&a.block);
                            self.spawn_args.extend(
                                m.calls
                                    .iter()
                                    .map(|c| c.rsplit("::").next().unwrap_or("").to_string()),
                            );
                            if can_panic(&m) || may_panic(&a.block) {
                                self.k.tasks_can_panic = true;
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        visit::visit_expr_call(self, c);
    }
}

/// `#[cfg(test)]`, also `#[cfg(all(test, ..))]`.
fn is_cfg_test(a: &syn::Attribute) -> bool {
    a.path().is_ident("cfg")
        && match &a.meta {
            syn::Meta::List(l) => l
                .tokens
                .clone()
                .into_iter()
                .any(|t| matches!(t, TokenTree::Ident(i) if i == "test")),
            _ => false,
        }
}

fn lines_of(span: proc_macro2::Span) -> (usize, usize) {
    (span.start().line, span.end().line)
}

/// A panic that no macro or `unwrap` spells out: indexing (out of bounds,
/// a missing key) and an integer division or remainder by a value that is
/// not a non-zero literal.
fn may_panic(block: &Block) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_index(&mut self, _: &'ast syn::ExprIndex) {
            self.0 = true;
        }
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            if matches!(b.op, syn::BinOp::Div(_) | syn::BinOp::Rem(_))
                && !matches!(peel(&b.right), Expr::Lit(l) if !matches!(&l.lit, syn::Lit::Int(i) if i.base10_digits() == "0"))
            {
                self.0 = true;
            }
            visit::visit_expr_binary(self, b);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut f = Finder(false);
    f.visit_block(block);
    f.0 || can_panic(&mentions_block(block))
}

fn can_panic(m: &Mentions) -> bool {
    [
        "panic",
        "assert",
        "assert_eq",
        "assert_ne",
        "unreachable",
        "todo",
        "unimplemented",
    ]
    .iter()
    .any(|x| m.macros.contains(*x))
        || m.methods.contains("unwrap")
        || m.methods.contains("expect")
}
