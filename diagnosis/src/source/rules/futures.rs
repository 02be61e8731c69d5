//! unawaited-future: futures made and dropped, or bound and never awaited;
//! and the tasks whose handles go the same way (unjoined-task, told in
//! `tasks.rs`).

use syn::spanned::Spanned;
use syn::{Expr, Stmt};

use super::Rule;
use crate::catalogue::{MistakeId, Routes};
use crate::source::finders::field_uses::Held;
use crate::source::finders::mentions::mentions_expr;
use crate::source::finders::use_finder::{Use, UseFinder};
use crate::source::knowledge::Knowledge;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{describe, ident_of, is_wild_let, last_segment, let_name, peel, pos};
use crate::source::walker::Walker;

/// A future made and dropped in one statement (rustc warns too).
const DROPPED: f32 = 0.88;
/// A future kept in a name that nothing awaits.
const NEVER_AWAITED: f32 = 0.82;
/// Futures collected and never joined.
const COLLECTED: f32 = 0.8;
/// Futures kept in a struct field that nothing polls.
const IN_A_FIELD: f32 = 0.8;
/// Futures left unpolled by a program whose `main` is a plain fn and that
/// starts no runtime or executor: nothing could have polled them.
const NO_EXECUTOR: f32 = 0.86;
/// A task's handle raced against a timer (or in a `select!`), then dropped
/// as if that stopped the task: it runs on, detached.
const DROPPED_TO_CANCEL: f32 = 0.8;
const ABORT: Routes = Routes::new(MistakeId::UnjoinedTask, &["abort"]);

pub(super) struct Futures;

impl Rule for Futures {
    fn statement(&self, w: &mut Walker<'_>, stmt: &Stmt, rest: &[Stmt]) {
        match stmt {
            Stmt::Expr(e, Some(_)) => w.dropped_value(e, None),
            Stmt::Local(l) => {
                let Some(init) = &l.init else { return };
                let e = peel(&init.expr);
                if is_wild_let(l) {
                    w.dropped_value(e, Some("let _ ="));
                } else if let Some(name) = let_name(l) {
                    w.bound_value(&name, e, rest);
                }
            }
            _ => {}
        }
    }

    fn finish(&self, w: &mut Walker<'_>) {
        w.future_fields();
        w.no_executor_for_futures();
    }
}

/// Is the handle `name` raced, in `rest`: `timeout(d, &mut name)` or a
/// `select!` branch on `&mut name`? Its race lost, dropping it is meant as
/// a cancel.
fn raced(name: &str, rest: &[Stmt], know: &Knowledge) -> bool {
    struct R<'a> {
        name: &'a str,
        know: &'a Knowledge,
        found: bool,
    }
    impl R<'_> {
        fn lent_mut(&self, e: &Expr) -> bool {
            matches!(peel(e), Expr::Reference(r) if r.mutability.is_some() && ident_of(&r.expr).as_deref() == Some(self.name))
        }
    }
    impl<'ast> syn::visit::Visit<'ast> for R<'_> {
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            let timeout = self
                .know
                .resolve_call(c)
                .is_some_and(|p| p.ends_with("timeout"));
            if timeout && c.args.iter().any(|a| self.lent_mut(a)) {
                self.found = true;
            }
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            let exprs = macro_exprs(m);
            let select = m.path.segments.last().is_some_and(|s| s.ident == "select");
            if select && exprs.iter().any(|e| self.lent_mut(e)) {
                self.found = true;
            }
            for e in exprs {
                self.visit_expr(&e);
            }
        }
    }
    let mut r = R {
        name,
        know,
        found: false,
    };
    for s in rest {
        syn::visit::Visit::visit_stmt(&mut r, s);
    }
    r.found
}

impl Walker<'_> {
    /// A value made and dropped in one statement.
    fn dropped_value(&mut self, e: &Expr, how: Option<&str>) {
        let at = pos(e.span());
        if self.makes_future(e) {
            let what = describe(e);
            let how = how.map(|h| format!(" with `{h}`")).unwrap_or_default();
            self.add(
                MistakeId::UnawaitedFuture,
                DROPPED,
                at,
                format!("`{what}` makes a future that is dropped{how} without being awaited, so its work never happens"),
            );
        } else if self.know.is_spawn_expr(e) && !self.is_joinset_spawn(e) {
            self.unjoined(
                at,
                "the task's `JoinHandle` is dropped at once".to_string(),
                &[e],
            );
        }
    }

    /// A future: a known async API, a local async fn, or a method that
    /// only local async fns have (`cache.flush()` on any receiver).
    fn makes_future(&self, e: &Expr) -> bool {
        self.know.is_future_expr(e) || self.know.is_local_async_method_call(e)
    }

    /// Struct fields holding futures that nothing ever polls: filled
    /// (`self.pending.push(Box::pin(..))`), set, or thrown away, only.
    fn future_fields(&mut self) {
        let know = self.know;
        for (name, passing, set) in know.fields.neglected_holding(Held::Future) {
            let at = passing.first().map_or(set, |p| p.1);
            self.add(
                MistakeId::UnawaitedFuture,
                IN_A_FIELD,
                at,
                format!("the futures kept in the field `{name}` are never awaited or polled, so their work never happens"),
            );
        }
    }

    /// Unpolled futures in a program with a plain `fn main` that starts no
    /// runtime or executor: the missing runtime is the mistake to fix, and
    /// the futures' fate follows from it.
    fn no_executor_for_futures(&mut self) {
        let sync_main = self.know.fn_is("main", |f| !f.is_async);
        if !sync_main || self.know.has_tokio_runtime || self.know.calls_block_on {
            return;
        }
        let Some(first) = self
            .candidates
            .iter()
            .filter(|c| c.id == MistakeId::UnawaitedFuture)
            .min_by_key(|c| (c.line, c.column))
        else {
            return;
        };
        let at = (first.line, first.column);
        self.add(
            MistakeId::MissingRuntime,
            NO_EXECUTOR,
            at,
            "`main` is a plain fn and the program starts no runtime, so nothing can ever poll these futures",
        );
    }

    fn is_joinset_spawn(&self, e: &Expr) -> bool {
        matches!(peel(e), Expr::MethodCall(m) if m.method == "spawn")
    }

    /// `let name = <value>;` and what happens to `name` afterwards.
    fn bound_value(&mut self, name: &str, e: &Expr, rest: &[Stmt]) {
        let mut finder = UseFinder::new(name, self.know);
        finder.stmts(rest);
        let uses: Vec<Use> = finder.uses.iter().map(|u| u.0.clone()).collect();
        let at = pos(e.span());
        let consumed = |u: &Use| match u {
            Use::Dropped => false,
            Use::Method(m, _) => !matches!(
                m.as_str(),
                "len" | "is_empty" | "push" | "clear" | "capacity"
            ),
            _ => true,
        };
        if self.makes_future(e) {
            if !uses.iter().any(consumed) {
                let what = describe(e);
                self.add(
                    MistakeId::UnawaitedFuture,
                    NEVER_AWAITED,
                    at,
                    format!("the future `{what}` is stored in `{name}` but never awaited, so its work never happens"),
                );
            }
            return;
        }
        if self.know.is_spawn_expr(e) && !self.is_joinset_spawn(e) {
            let aborted = uses
                .iter()
                .any(|u| matches!(u, Use::Method(m, _) if m == "abort" || m == "abort_handle"));
            if let Some((_, dropped)) = finder.uses.iter().find(|u| u.0 == Use::Dropped) {
                if !aborted && raced(name, rest, self.know) {
                    self.add(
                        MistakeId::UnjoinedTask,
                        DROPPED_TO_CANCEL,
                        (*dropped, 1),
                        format!("dropping `{name}` does not stop its task: the task runs on, detached, and finishes its work anyway"),
                    );
                    self.only_routes_of_last(ABORT);
                    return;
                }
            }
            if !uses.iter().any(consumed) {
                self.unjoined(
                    at,
                    format!("the task's `JoinHandle` is kept in `{name}` but never awaited"),
                    &[e],
                );
            }
            return;
        }
        // Collections of futures or of task handles.
        let m = mentions_expr(e);
        let pushed_futures = uses
            .iter()
            .any(|u| matches!(u, Use::Method(m, true) if m == "push" || m == "extend"));
        let collected = m.methods.contains("collect") || matches!(peel(e), Expr::Macro(_));
        let of_futures = collected && future_elements(e, self.know);
        let of_handles = collected && m.calls.iter().any(|c| self.know.is_spawn_expr_path(c));
        if (of_futures || of_handles || pushed_futures) && !uses.iter().any(consumed) {
            let handles = of_handles || self.know.handle_collections.contains(name);
            if handles {
                let pushed = pushed_args(name, rest);
                let mut spawned: Vec<&Expr> = pushed.iter().collect();
                spawned.push(e);
                self.unjoined(
                    at,
                    format!("the tasks' `JoinHandle`s are collected in `{name}` but never awaited"),
                    &spawned,
                );
            } else {
                self.add(
                    MistakeId::UnawaitedFuture,
                    COLLECTED,
                    at,
                    format!("the futures collected in `{name}` are never awaited or joined, so none of them runs"),
                );
            }
            return;
        }
        // A JoinSet that is never joined aborts its tasks when dropped.
        if let Expr::Call(c) = e {
            if self
                .know
                .resolve_call(c)
                .is_some_and(|p| p.ends_with("JoinSet::new"))
            {
                let joined = uses.iter().any(|u| match u {
                    Use::Method(m, _) => {
                        m.starts_with("join") || m == "shutdown" || m == "abort_all"
                    }
                    _ => u.moves(),
                });
                if !joined
                    && uses
                        .iter()
                        .any(|u| matches!(u, Use::Method(m, _) if m == "spawn"))
                {
                    self.unjoined(
                        at,
                        format!("tasks are spawned on the JoinSet `{name}`, which is never joined"),
                        &[],
                    );
                }
            }
        }
    }
}

/// What `name.push(..)` is given in these statements.
fn pushed_args(name: &str, rest: &[Stmt]) -> Vec<Expr> {
    struct P<'a> {
        name: &'a str,
        out: Vec<Expr>,
    }
    impl<'ast> syn::visit::Visit<'ast> for P<'_> {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if m.method == "push" && ident_of(&m.receiver).as_deref() == Some(self.name) {
                self.out.extend(m.args.iter().cloned());
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut p = P {
        name,
        out: Vec::new(),
    };
    for s in rest {
        syn::visit::Visit::visit_stmt(&mut p, s);
    }
    p.out
}

/// Do the elements of this collection look like futures?
fn future_elements(e: &Expr, know: &Knowledge) -> bool {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match peel(e) {
            Expr::MethodCall(m) => {
                if m.method == "map" || m.method == "then" {
                    match m.args.first().map(peel) {
                        Some(Expr::Closure(c))
                            if c.asyncness.is_some()
                                || know.is_future_expr(&c.body)
                                || know.is_local_async_method_call(&c.body) =>
                        {
                            return true;
                        }
                        // `.map(send)`: a local async fn, called on each item.
                        Some(Expr::Path(p))
                            if m.method == "map" && know.is_async_fn(&last_segment(&p.path)) =>
                        {
                            return true;
                        }
                        _ => {}
                    }
                }
                stack.push(&m.receiver);
            }
            Expr::Macro(mac) => {
                return macro_exprs(&mac.mac).iter().any(|x| know.is_future_expr(x));
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{confidence, ids, routes, top};

    #[test]
    fn futures_never_awaited() {
        let bad = r#"
            async fn save(x: u32) {}
            #[tokio::main]
            async fn main() {
                save(1);
                let _ = save(2);
                let later = save(3);
                let all: Vec<_> = (0..3).map(|i| save(i)).collect();
                println!("{}", all.len());
            }
        "#;
        let found = ids(bad);
        assert_eq!(
            found
                .iter()
                .filter(|i| **i == MistakeId::UnawaitedFuture)
                .count(),
            4,
            "{found:?}"
        );
        let fine = r#"
            async fn save(x: u32) {}
            #[tokio::main]
            async fn main() {
                save(1).await;
                let later = save(3);
                later.await;
                let all: Vec<_> = (0..3).map(|i| save(i)).collect();
                futures::future::join_all(all).await;
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn futures_of_an_async_method_collected_and_never_joined() {
        let bad = r#"
            struct Store;
            impl Store {
                async fn persist(&self, row: &str) -> usize { row.len() }
            }
            async fn save_all(store: &Store, rows: &[&str]) {
                let writes: Vec<_> = rows.iter().map(|r| store.persist(r)).collect();
                println!("{} writes", writes.len());
            }
        "#;
        assert!(
            ids(bad).contains(&MistakeId::UnawaitedFuture),
            "{:?}",
            ids(bad)
        );
        let fine = bad.replace(
            "println!(\"{} writes\", writes.len());",
            "futures::future::join_all(writes).await;",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
        let sync_name = bad.replace("persist", "get");
        assert!(ids(&sync_name).is_empty(), "{:?}", ids(&sync_name));
    }
    #[test]
    fn futures_kept_in_a_field_that_nothing_polls() {
        let bad = r#"
            use std::future::Future;
            use std::pin::Pin;
            async fn send_mail(to: u32) { println!("{to}"); }
            struct Outbox { pending: Vec<Pin<Box<dyn Future<Output = ()>>>> }
            impl Outbox {
                fn queue(&mut self, to: u32) { self.pending.push(Box::pin(send_mail(to))); }
                async fn flush(&mut self) { println!("{} sent", self.pending.len()); }
            }
            #[tokio::main]
            async fn main() {
                let mut o = Outbox { pending: Vec::new() };
                o.queue(1);
                o.flush().await;
            }
        "#;
        assert!(confidence(bad, MistakeId::UnawaitedFuture) >= 0.7, "{bad}");
        let fine = bad.replace(
            "println!(\"{} sent\", self.pending.len());",
            "for f in self.pending.drain(..) { f.await; }",
        );
        assert_eq!(confidence(&fine, MistakeId::UnawaitedFuture), 0.0);
    }

    #[test]
    fn a_future_dropped_in_a_method_with_let_underscore() {
        let bad = r#"
            struct Journal;
            impl Journal {
                async fn append_entry(&self, e: &str) { println!("{e}"); }
            }
            async fn close_day(j: &Journal) {
                let _ = j.append_entry("closed");
            }
        "#;
        assert!(confidence(bad, MistakeId::UnawaitedFuture) >= 0.7, "{bad}");
        let fine = bad.replace(
            "let _ = j.append_entry(\"closed\");",
            "j.append_entry(\"closed\").await;",
        );
        assert_eq!(confidence(&fine, MistakeId::UnawaitedFuture), 0.0);
    }

    /// A boxed future moved out of its field into a binding named unused.
    #[test]
    fn a_future_field_moved_into_an_unused_binding() {
        let bad = r#"
            use futures::future::BoxFuture;
            struct Batch { upload: BoxFuture<'static, ()> }
            async fn ship(batches: Vec<Batch>) {
                for batch in batches { let _upload = batch.upload; }
            }
            fn make() -> Batch { Batch { upload: Box::pin(async {}) } }
        "#;
        assert!(confidence(bad, MistakeId::UnawaitedFuture) >= 0.7, "{bad}");
        let fine = bad.replace("let _upload = batch.upload;", "batch.upload.await;");
        assert_eq!(confidence(&fine, MistakeId::UnawaitedFuture), 0.0);
    }

    /// A handle raced against a timer and then dropped, as if that
    /// cancelled the task; `abort()` does.
    #[test]
    fn a_handle_dropped_to_cancel_its_task() {
        let bad = r#"
            use std::time::Duration;
            async fn charge() { tokio::time::sleep(Duration::from_millis(80)).await; }
            #[tokio::main]
            async fn main() {
                let mut payment = tokio::spawn(charge());
                if tokio::time::timeout(Duration::from_millis(50), &mut payment).await.is_err() {
                    drop(payment);
                }
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::UnjoinedTask));
        assert_eq!(routes(bad, MistakeId::UnjoinedTask), ["abort"]);
        let aborted = bad.replace("drop(payment);", "payment.abort();");
        assert!(ids(&aborted).is_empty(), "{:?}", ids(&aborted));
    }

    /// Futures made in a plain `main` of a program with no runtime: the
    /// runtime is what is missing.
    #[test]
    fn futures_left_in_a_plain_main_with_no_runtime() {
        let bad = r#"
            async fn send(n: u32) -> u32 { tokio::time::sleep(std::time::Duration::from_millis(3)).await; n }
            fn main() {
                let jobs: Vec<_> = (0..3).map(send).collect();
                println!("{} scheduled", jobs.len());
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::MissingRuntime));
        let with_runtime = bad.replace(
            "fn main() {",
            "fn main() { tokio::runtime::Runtime::new().unwrap();",
        );
        assert_eq!(top(&with_runtime), Some(MistakeId::UnawaitedFuture));
    }

    #[test]
    fn a_method_named_like_an_async_one_of_tokio_is_not_always_a_future() {
        let tokios = "async fn step(every: &mut tokio::time::Interval) { every.tick(); }";
        assert!(ids(tokios).contains(&MistakeId::UnawaitedFuture));
        // tokio's `tick()` takes no argument: `tick(5)` is someone else's.
        let theirs = "async fn step(world: &mut physics::World) { world.tick(5); }";
        assert!(!ids(theirs).contains(&MistakeId::UnawaitedFuture));
        // A plain method of the program's own by that name is its own.
        let own = "struct Game; impl Game { fn tick(&mut self) {} } async fn step(g: &mut Game) { g.tick(); }";
        assert!(!ids(own).contains(&MistakeId::UnawaitedFuture));
    }
}
