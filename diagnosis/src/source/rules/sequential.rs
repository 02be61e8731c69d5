//! sequential-awaits: independent waits awaited one after another, in statements or a loop.

use std::collections::HashSet;

use syn::spanned::Spanned;
use syn::{Expr, Stmt};

use super::Rule;
use crate::candidate::{Candidate, EvidenceKind};
use crate::catalogue::{MistakeId, Routes};
use crate::source::finders::mentions::{mentions_block, mentions_expr};
use crate::source::macros::macro_exprs;
use crate::source::syntax::{last_segment, pat_idents, peel, pos, root_ident};
use crate::source::walker::{Ctx, Walker};

/// Waits in code that times itself: how long they take together is the
/// point, so their adding up is a mistake, not a judgement call.
const TIMED: f32 = 0.75;
/// Waits one after another elsewhere: a judgement call, told when a run
/// shows their effect.
const UNTIMED: f32 = 0.3;
/// Waits one after another in a loop's round: usually a worker's turn.
const IN_A_ROUND: f32 = 0.3;
/// `.await`s written inside `join!` or `join_all`: they run first, one by one.
const AWAITED_BEFORE_JOIN: f32 = 0.9;
const STATEMENTS: Routes = Routes::new(MistakeId::SequentialAwaits, &["join", "spawn"]);
const LOOP: Routes = Routes::new(MistakeId::SequentialAwaits, &["join-all", "spawn"]);
const INTO_JOIN_ALL: Routes = Routes::new(MistakeId::SequentialAwaits, &["join-all"]);
const INTO_JOIN: Routes = Routes::new(MistakeId::SequentialAwaits, &["join"]);
const BUFFERED: Routes = Routes::new(MistakeId::SequentialAwaits, &["buffered"]);

/// The joins of `futures` that take futures as arguments.
const FUTURES_JOINS: &[&str] = &[
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

pub(super) struct Sequential;

impl Rule for Sequential {
    fn block(&self, w: &mut Walker<'_>, stmts: &[Stmt]) {
        if w.ctx() == Ctx::Async {
            w.sequential(stmts);
        }
    }

    fn call(&self, w: &mut Walker<'_>, c: &syn::ExprCall) {
        let path = w.know.resolve_call(c).unwrap_or_default();
        let last = path.rsplit("::").next().unwrap_or("");
        if FUTURES_JOINS.contains(&last) && path.starts_with("futures::") {
            let args: Vec<Expr> = c.args.iter().cloned().collect();
            w.awaited_before_join(last, &args);
        }
    }

    fn macro_call(&self, w: &mut Walker<'_>, name: &str, exprs: &[Expr]) {
        if matches!(name, "join" | "try_join") {
            w.awaited_before_join(&format!("{name}!"), exprs);
        }
    }

    fn method_call(&self, w: &mut Walker<'_>, m: &syn::ExprMethodCall) {
        if m.method == "then" && m.args.len() == 1 && w.ctx() != Ctx::Offloaded {
            w.stream_then(m);
        }
    }
}

impl Walker<'_> {
    /// Independent waits awaited one after another.
    fn sequential(&mut self, stmts: &[Stmt]) {
        // Waits in code that times itself: how long they take together is
        // the point, so their adding up is a mistake, not a judgement call.
        let timed = self
            .frame()
            .fn_name
            .as_ref()
            .is_some_and(|f| self.know.timed_fns.contains(f));
        let confidence = if timed { TIMED } else { UNTIMED };
        // Inside a loop, one wait after another is usually a worker's turn
        // ("wait for the next guest, then serve them"): ordered by meaning,
        // not by data, so timing alone does not make it sure.
        let in_loop = self.frame().loop_depth > 0;
        let statement_confidence = if in_loop { IN_A_ROUND } else { confidence };
        let mut run: Vec<(usize, usize)> = Vec::new();
        let mut run_cost = 0u64;
        let mut bound: HashSet<String> = HashSet::new();
        let mut best: Option<(usize, (usize, usize), u64)> = None;
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
                    run_cost = run_cost.saturating_add(call.map_or(0, |e| self.cost_of(e)));
                    bound.extend(names);
                    // What a wait fills through `&mut` is its result too.
                    bound.extend(call.map(mut_borrowed).unwrap_or_default());
                    if run.len() >= 2 && best.is_none_or(|b| b.0 < run.len()) {
                        best = Some((run.len(), run[1], run_cost));
                    }
                }
                None => {
                    run.clear();
                    run_cost = 0;
                    bound.clear();
                }
            }
        }
        // A `select!` branch runs once its future won: its awaits follow
        // from that, and usually from one another.
        let best = best.filter(|_| !self.frame().in_select_branch);
        if let Some((n, at, cost)) = best {
            self.add_costing(
                MistakeId::SequentialAwaits,
                statement_confidence,
                at,
                format!(
                    "{n} independent waits are awaited one after another, so their times add up"
                ),
                cost,
            );
            self.only_routes_of_last(STATEMENTS);
        }
        // A loop over independent items that awaits the work of each item
        // before starting the next: `for x in items { f(x).await }`, also
        // `while let Some(x) = iter.next()`.
        for stmt in stmts {
            let Stmt::Expr(looped, _) = stmt else {
                continue;
            };
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
                let cost = self.cost_of(looped);
                self.add_costing(
                    MistakeId::SequentialAwaits,
                    confidence,
                    at,
                    "each round of this loop waits for its item's future before starting the next item, so the waits add up",
                    cost,
                );
                self.only_routes_of_last(LOOP);
            }
        }
    }

    /// `stream::iter(items).then(load)`: a stream of independent items whose
    /// every item waits, one after another.
    fn stream_then(&mut self, m: &syn::ExprMethodCall) {
        if !self.stream_of_items(&m.receiver) || !self.each_item_waits(&m.args[0]) {
            return;
        }
        let timed = self
            .frame()
            .fn_name
            .as_ref()
            .is_some_and(|f| self.know.timed_fns.contains(f));
        self.add(
            MistakeId::SequentialAwaits,
            if timed { TIMED } else { UNTIMED },
            pos(m.method.span()),
            "`.then` awaits each item's future before it starts the next item's, so the waits add up",
        );
        self.only_routes_of_last(BUFFERED);
    }

    /// A stream made from a list of items (`stream::iter(..)`), maybe
    /// through other adapters.
    fn stream_of_items(&self, e: &Expr) -> bool {
        match peel(e) {
            Expr::MethodCall(m) => self.stream_of_items(&m.receiver),
            Expr::Call(c) => self
                .know
                .resolve_call(c)
                .is_some_and(|p| p.ends_with("stream::iter")),
            _ => false,
        }
    }

    /// `load` (a local fn that waits), or a closure that calls one or sleeps.
    fn each_item_waits(&self, f: &Expr) -> bool {
        let waits = |name: &str| self.know.fn_is(name, |f| f.waits);
        match peel(f) {
            Expr::Path(p) => waits(&last_segment(&p.path)),
            Expr::Closure(c) => {
                let m = mentions_expr(&c.body);
                m.calls.iter().any(|call| {
                    let last = call.rsplit("::").next().unwrap_or("");
                    waits(last) || last == "sleep"
                }) || m
                    .methods
                    .iter()
                    .any(|name| self.know.fn_is(name, |f| f.waits && f.is_async))
            }
            _ => false,
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
        // `self.users().await`, `store.load_orders().await`: a local async
        // method that waits.
        if let Expr::MethodCall(m) = peel(&a.base) {
            let name = m.method.to_string();
            let on_self = root_ident(&m.receiver).as_deref() == Some("self");
            let local = (on_self && self.know.fns.contains_key(&name))
                || self.know.is_local_async_method_call(&a.base);
            let waits = self
                .know
                .fn_is(&name, |f| f.waits && (f.is_async || f.returns_future));
            return (local && waits).then(|| pos(a.span()));
        }
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

/// The places an expression lends as `&mut` (`fill(&mut buf)`: `buf`).
fn mut_borrowed(e: &Expr) -> Vec<String> {
    struct M(Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for M {
        fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
            if r.mutability.is_some() {
                if let Some(n) = root_ident(&r.expr) {
                    self.0.push(n);
                }
            }
            syn::visit::visit_expr_reference(self, r);
        }
    }
    let mut m = M(Vec::new());
    syn::visit::Visit::visit_expr(&mut m, e);
    m.0
}

impl Walker<'_> {
    /// `join!(a().await, b().await)`, `join_all(vec![a().await, ..])`: each
    /// future is awaited, one after another, before the join gets them (the
    /// compiler only says that the outputs are not futures).
    fn awaited_before_join(&mut self, join: &str, args: &[Expr]) {
        let mut elems: Vec<Expr> = Vec::new();
        for a in args {
            match peel(a) {
                Expr::Array(v) => elems.extend(v.elems.iter().cloned()),
                Expr::Macro(m) if last_segment(&m.mac.path) == "vec" => {
                    elems.extend(macro_exprs(&m.mac))
                }
                Expr::Reference(r) => elems.push((*r.expr).clone()),
                other => elems.push(other.clone()),
            }
        }
        let awaited: Vec<&Expr> = elems
            .iter()
            .filter(|e| match peel(e) {
                Expr::Await(_) => true,
                Expr::Try(t) => matches!(peel(&t.expr), Expr::Await(_)),
                _ => false,
            })
            .collect();
        let Some(first) = awaited.first() else {
            return;
        };
        let (what, routes) = if join.ends_with("_all") {
            ("the futures in the list", INTO_JOIN_ALL)
        } else {
            ("the futures", INTO_JOIN)
        };
        let n = awaited.len();
        let detail = format!(
            "the {} inside `{join}` run {} one after another before `{join}` gets them: pass {what} themselves",
            if n == 1 { "`.await`" } else { "`.await`s" },
            if n == 1 { "its future" } else { "the futures" },
        );
        let at = pos(first.span());
        self.candidates.push(
            Candidate::new(
                MistakeId::SequentialAwaits,
                EvidenceKind::Source,
                AWAITED_BEFORE_JOIN,
                detail,
            )
            .at(at.0, at.1)
            .only_routes(routes),
        );
    }
}

/// `iter.next()` (no `.await`), `queue.pop()`, `queue.pop_front()`: a
/// `while let` that walks the items of a collection.
fn is_iterator_step(e: &Expr) -> bool {
    matches!(peel(e), Expr::MethodCall(m)
        if m.args.is_empty() && matches!(m.method.to_string().as_str(), "next" | "pop" | "pop_front"))
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::analyze;
    use crate::source::testing::{confidence, ids, lines, top};

    /// Two awaits in one `select!` branch, where the second needs what the
    /// first did (the buffer it filled): dependent waits, not waits to join.
    #[test]
    fn dependent_awaits_in_a_select_branch_are_not_sequential() {
        let bad = r#"
            use std::time::{Duration, Instant};
            async fn fill(buf: &mut Vec<u8>) { tokio::time::sleep(Duration::from_millis(20)).await; buf.push(1); }
            async fn flush(buf: &[u8]) { tokio::time::sleep(Duration::from_millis(20)).await; println!("{}", buf.len()); }
            async fn serve(mut stop: tokio::sync::oneshot::Receiver<()>) {
                let start = Instant::now();
                let mut buf = Vec::new();
                tokio::select! {
                    _ = &mut stop => {}
                    _ = tokio::time::sleep(Duration::from_millis(5)) => {
                        fill(&mut buf).await;
                        flush(&buf).await;
                    }
                }
                println!("{:?}", start.elapsed());
            }
        "#;
        assert!(
            confidence(bad, MistakeId::SequentialAwaits) < 0.4,
            "{:?}",
            ids(bad)
        );
        // The same two waits outside a `select!`, with nothing shared, add up.
        let independent = r#"
            use std::time::{Duration, Instant};
            async fn fill() { tokio::time::sleep(Duration::from_millis(20)).await; }
            async fn flush() { tokio::time::sleep(Duration::from_millis(20)).await; }
            async fn serve() {
                let start = Instant::now();
                fill().await;
                flush().await;
                println!("{:?}", start.elapsed());
            }
        "#;
        assert!(confidence(independent, MistakeId::SequentialAwaits) >= 0.7);
        // Waits through one `&mut` place depend on each other anywhere.
        let through_mut = independent
            .replace("async fn fill()", "async fn fill(buf: &mut Vec<u8>)")
            .replace("async fn flush()", "async fn flush(buf: &[u8])")
            .replace(
                "fill().await;",
                "let mut buf = Vec::new(); fill(&mut buf).await;",
            )
            .replace("flush().await;", "flush(&buf).await;");
        assert!(confidence(&through_mut, MistakeId::SequentialAwaits) < 0.4);
    }

    /// `join!(a().await, b().await)`: awaited too early, one after another,
    /// before `join!` sees them (the compiler only says "not a future").
    #[test]
    fn awaits_inside_join_run_one_after_another() {
        let src = r#"
            async fn soup() -> u32 { 5 }
            async fn bread() -> u32 { 2 }
            async fn dinner() -> u32 {
                let (a, b) = tokio::join!(soup().await, bread().await);
                a + b
            }
        "#;
        assert_eq!(lines(src, MistakeId::SequentialAwaits), [5]);
        let r = analyze(src);
        let c = r
            .candidates
            .iter()
            .find(|c| c.id == MistakeId::SequentialAwaits)
            .unwrap();
        assert!(c.confidence >= 0.9, "{}", c.confidence);
        assert!(
            c.detail.contains("pass the futures themselves"),
            "{}",
            c.detail
        );
        assert_eq!(c.routes, ["join"]);
        let fixed = src.replace("soup().await, bread().await", "soup(), bread()");
        assert!(ids(&fixed).is_empty(), "{:?}", ids(&fixed));
        // Also `futures::join!`, `try_join!`, and a lone awaited argument.
        let try_join = r#"
            async fn soup() -> Result<u32, ()> { Ok(5) }
            async fn bread() -> Result<u32, ()> { Ok(2) }
            async fn dinner() -> Result<u32, ()> {
                let (a, b) = futures::try_join!(soup(), bread().await)?;
                Ok(a + b)
            }
        "#;
        assert_eq!(lines(try_join, MistakeId::SequentialAwaits), [5]);
    }

    #[test]
    fn awaits_inside_join_all_run_one_after_another() {
        let src = r#"
            use futures::future::join_all;
            async fn ping(h: &str) -> usize { h.len() }
            async fn all() -> Vec<usize> {
                join_all(vec![ping("a").await, ping("b").await]).await
            }
        "#;
        assert_eq!(lines(src, MistakeId::SequentialAwaits), [5]);
        let r = analyze(src);
        let c = r
            .candidates
            .iter()
            .find(|c| c.id == MistakeId::SequentialAwaits)
            .unwrap();
        assert_eq!(c.routes, ["join-all"]);
        let fixed = src.replace(
            r#"ping("a").await, ping("b").await"#,
            r#"ping("a"), ping("b")"#,
        );
        assert!(ids(&fixed).is_empty(), "{:?}", ids(&fixed));
    }

    const TIMED: &str = r#"
        use std::time::{Duration, Instant};
        async fn fetch_a(k: u32) -> u32 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            k
        }
        async fn fetch_b(k: u32) -> u32 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            k + 1
        }
        async fn load(k: u32) -> u32 {
            let a = fetch_a(k).await;
            let b = fetch_b(k).await;
            a + b
        }
        #[tokio::main]
        async fn main() {
            let t = Instant::now();
            let v = load(3).await;
            println!("{v} in {:?}", t.elapsed());
        }
    "#;

    #[test]
    fn sequential_waits_in_timed_code_are_sure() {
        assert!(confidence(TIMED, MistakeId::SequentialAwaits) >= 0.75);
        // A few waits written one by one: `join!` fits, a list's `join_all` less so.
        assert_eq!(routes(TIMED), ["join", "spawn"]);
        let untimed = TIMED.replace(", t.elapsed()", ", 0");
        let c = confidence(&untimed, MistakeId::SequentialAwaits);
        assert!(c > 0.0 && c < 0.7, "{c}");
        let in_a_test = TIMED.replace("#[tokio::main]", "#[tokio::test]");
        let c = confidence(&in_a_test, MistakeId::SequentialAwaits);
        assert!(c > 0.0 && c < 0.7, "{c}");
        let dependent = TIMED.replace("fetch_b(k)", "fetch_b(a)");
        assert_eq!(confidence(&dependent, MistakeId::SequentialAwaits), 0.0);
    }

    #[test]
    fn a_workers_turns_in_a_loop_are_not_sure_even_when_timed() {
        let src = r#"
            use std::time::{Duration, Instant};
            use tokio::time::sleep;
            async fn next_job() { sleep(Duration::from_millis(10)).await; }
            async fn do_job() { sleep(Duration::from_millis(20)).await; }
            async fn worker() {
                loop {
                    next_job().await;
                    do_job().await;
                }
            }
            async fn run() {
                let t = Instant::now();
                let _ = tokio::time::timeout(Duration::from_secs(1), worker()).await;
                println!("{:?}", t.elapsed());
            }
        "#;
        let c = confidence(src, MistakeId::SequentialAwaits);
        assert!(c < 0.7, "{c}");
    }

    #[test]
    fn a_timed_loop_of_independent_waits_is_sure() {
        let src = r#"
            use std::time::Instant;
            async fn ping(host: &str) -> u64 {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                host.len() as u64
            }
            async fn probe_all(hosts: &[&str]) -> Vec<u64> {
                let mut out = Vec::new();
                for h in hosts {
                    out.push(ping(h).await);
                }
                out
            }
            #[tokio::main]
            async fn main() {
                let start = Instant::now();
                let r = probe_all(&["a", "bb"]).await;
                println!("{r:?} {:?}", start.elapsed());
            }
        "#;
        assert!(confidence(src, MistakeId::SequentialAwaits) >= 0.75);
        // A loop over a list: `join_all` fits, `join!` of a few less so.
        assert_eq!(routes(src), ["join-all", "spawn"]);
    }

    fn routes(src: &str) -> Vec<&'static str> {
        analyze(src)
            .candidates
            .iter()
            .find(|c| c.id == MistakeId::SequentialAwaits)
            .map(|c| c.routes.to_vec())
            .unwrap_or_default()
    }
    #[test]
    fn independent_method_awaits_in_a_timed_method() {
        let bad = r#"
            use std::time::{Duration, Instant};
            struct Dash;
            impl Dash {
                async fn users(&self) -> u32 { tokio::time::sleep(Duration::from_millis(100)).await; 1 }
                async fn orders(&self) -> u32 { tokio::time::sleep(Duration::from_millis(100)).await; 2 }
                async fn refresh(&self) -> u32 {
                    let u = self.users().await;
                    let o = self.orders().await;
                    u + o
                }
            }
            #[tokio::main]
            async fn main() {
                let t = Instant::now();
                println!("{} in {:?}", Dash.refresh().await, t.elapsed());
            }
        "#;
        assert!(
            confidence(bad, MistakeId::SequentialAwaits) >= 0.75,
            "{bad}"
        );
        let joined = bad.replace(
            "let u = self.users().await;\n                    let o = self.orders().await;",
            "let (u, o) = tokio::join!(self.users(), self.orders());",
        );
        assert!(confidence(&joined, MistakeId::SequentialAwaits) < 0.4);
        // The second wait needs the first one's answer: not independent.
        let dependent = r#"
            struct Dash;
            impl Dash {
                async fn users(&self) -> u32 { tokio::time::sleep(std::time::Duration::from_millis(100)).await; 1 }
                async fn orders(&self, u: u32) -> u32 { tokio::time::sleep(std::time::Duration::from_millis(100)).await; u }
                async fn refresh(&self) -> u32 {
                    let t = std::time::Instant::now();
                    let u = self.users().await;
                    let o = self.orders(u).await;
                    println!("{:?}", t.elapsed());
                    o
                }
            }
        "#;
        assert!(confidence(dependent, MistakeId::SequentialAwaits) < 0.4);
    }

    /// A stream of items whose every item's wait is awaited before the
    /// next starts; `buffered` starts several at once.
    #[test]
    fn a_stream_that_awaits_each_item_in_turn() {
        let bad = r#"
            use futures::stream::{self, StreamExt};
            use std::time::{Duration, Instant};
            async fn load(k: u32) -> u32 { tokio::time::sleep(Duration::from_millis(300)).await; k }
            async fn warm() {
                let t = Instant::now();
                let v: Vec<u32> = stream::iter(0..12).then(load).collect().await;
                println!("{} in {:?}", v.len(), t.elapsed());
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::SequentialAwaits));
        assert_eq!(routes(bad), ["buffered"]);
        let closure = bad.replace(".then(load)", ".then(|k| async move { load(k).await })");
        assert_eq!(top(&closure), Some(MistakeId::SequentialAwaits));
        let fine = bad.replace(".then(load)", ".map(load).buffered(12)");
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
        let quick = bad.replace(
            "tokio::time::sleep(Duration::from_millis(300)).await; k",
            "k",
        );
        assert!(ids(&quick).is_empty(), "{:?}", ids(&quick));
    }
}
