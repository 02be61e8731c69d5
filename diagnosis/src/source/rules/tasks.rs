//! unjoined-task and ignored-task-panic: tasks nobody waits for, join results thrown away.

use std::collections::HashSet;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, Stmt};

use super::Rule;
use crate::catalogue::MistakeId;
use crate::source::finders::field_uses::{Held, Passing};
use crate::source::finders::mentions::{mentions_expr, mentions_stmt};
use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, is_wild_let, pat_idents, peel, pos, quote_pat};
use crate::source::walker::{Ctx, HelperSpawn, StmtInfo, SyncCall, Walker};

/// A task's handle dropped, and nothing waits for anything afterwards.
const NOTHING_WAITS: f32 = 0.85;
/// ... a sleep afterwards, guessing how long the task needs.
const ONLY_A_SLEEP_WAITS: f32 = 0.5;
/// ... something real is awaited afterwards (or in the loop around).
const SOMETHING_WAITS: f32 = 0.3;
/// Outside `main` or a test, the caller may keep the runtime alive.
const NOT_AN_ENTRY: f32 = 0.75;
/// A producer whose channel somebody drains is waited for through it.
const THROUGH_A_CHANNEL: f32 = 0.4;
/// A task that writes shared state, whose handle is lost, and the code
/// after it reads that state without waiting: it reads unfinished work.
const READS_UNFINISHED: f32 = 0.82;
/// A sync helper spawns tasks and loses their handles; its caller in
/// `main` (or a test) then awaits nothing real before it ends...
const HELPER_THEN_ENDS: f32 = 0.8;
/// ... or reads the state it handed the tasks, without waiting.
const HELPER_THEN_READS: f32 = 0.82;
/// A struct field holding a task's `JoinHandle`, only ever thrown away
/// (`let _ = self.writer;`, `drop(self.writer)`)...
const FIELD_DISMISSED: f32 = 0.8;
/// ... or never used at all after it is set.
const FIELD_NEVER_JOINED: f32 = 0.72;
/// Methods that write shared state (a lock, an atomic, a collection).
const WRITES: &[&str] = &[
    "lock",
    "write",
    "fetch_add",
    "fetch_sub",
    "fetch_or",
    "fetch_max",
    "store",
    "swap",
    "insert",
    "push",
    "push_back",
    "extend",
    "entry",
];
/// Methods that wait for a signal: code that calls them on shared state
/// waits for the tasks another way.
const SIGNAL_WAITS: &[&str] = &[
    "notified",
    "wait",
    "recv",
    "changed",
    "acquire",
    "acquire_owned",
    "wait_for",
    "join",
    "join_next",
    "recv_async",
    "closed",
];
/// A join result thrown away, where a task can panic...
const IGNORED_PANICKY: f32 = 0.78;
/// ... and where nothing shows a task that can.
const IGNORED: f32 = 0.5;

pub(super) struct Tasks;

impl Rule for Tasks {
    fn statement(&self, w: &mut Walker<'_>, stmt: &Stmt, _rest: &[Stmt]) {
        w.ignored_join(stmt);
    }

    fn body(&self, w: &mut Walker<'_>, block: &Block, _spawned: bool) {
        let stmts = block.stmts.iter().map(stmt_info).collect();
        if let Some(f) = w.frames.last_mut() {
            f.stmts = stmts;
        }
    }

    fn call(&self, w: &mut Walker<'_>, c: &syn::ExprCall) {
        w.sync_call(c);
    }

    fn method_call(&self, w: &mut Walker<'_>, m: &syn::ExprMethodCall) {
        w.errors_filtered_out(m);
    }

    fn finish(&self, w: &mut Walker<'_>) {
        w.helpers_lose_tasks();
        w.handle_fields();
    }
}

fn stmt_info(s: &Stmt) -> StmtInfo {
    let m = mentions_stmt(s);
    let span = s.span();
    // A `for` over the state reads it once; `loop` and `while` may poll it.
    let is_loop = matches!(s, Stmt::Expr(Expr::While(_) | Expr::Loop(_), _));
    StmtInfo {
        start: pos(span),
        end: (span.end().line, span.end().column + 1),
        idents: m.idents,
        methods: m.methods,
        is_loop,
    }
}

/// `x` in `x.lock().unwrap().push(..)`, `x.field.insert(..)`, `(*x).store(..)`.
fn receiver_root(e: &Expr) -> Option<String> {
    match peel(e) {
        Expr::MethodCall(m) => receiver_root(&m.receiver),
        Expr::Field(f) => receiver_root(&f.base),
        Expr::Index(i) => receiver_root(&i.expr),
        Expr::Unary(u) => receiver_root(&u.expr),
        Expr::Try(t) => receiver_root(&t.expr),
        Expr::Await(a) => receiver_root(&a.base),
        Expr::Reference(r) => receiver_root(&r.expr),
        other => ident_of(other),
    }
}

/// The names a spawned future writes through (`sizes` in
/// `sizes.lock().unwrap().push(n)`), leaving out its own locals.
fn written_names(e: &Expr) -> HashSet<String> {
    #[derive(Default)]
    struct W {
        written: HashSet<String>,
        own: HashSet<String>,
    }
    impl<'ast> Visit<'ast> for W {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if WRITES.contains(&m.method.to_string().as_str()) {
                if let Some(r) = receiver_root(&m.receiver) {
                    self.written.insert(r);
                }
            }
            visit::visit_expr_method_call(self, m);
        }
        fn visit_local(&mut self, l: &'ast syn::Local) {
            let mut names = Vec::new();
            pat_idents(&l.pat, &mut names);
            self.own.extend(names);
            visit::visit_local(self, l);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
    }
    let mut w = W::default();
    w.visit_expr(e);
    w.written.retain(|n| !w.own.contains(n) && n != "self");
    w.written
}

impl Walker<'_> {
    /// How sure that a task whose handle is dropped here is lost.
    pub(super) fn unjoined(&mut self, at: (usize, usize), detail: String, spawned: &[&Expr]) {
        if self.ctx() == Ctx::Offloaded {
            return;
        }
        // A producer that sends into a channel somebody drains is waited for
        // through that channel: its receiver only ends once the task (and
        // its sender) is gone. Dropping its handle is the usual way to
        // write it, not a lost task.
        let through_channel = spawned.iter().any(|e| self.know.reports_through_channel(e));
        let written: HashSet<String> = spawned.iter().flat_map(|e| written_names(e)).collect();
        // A sync helper cannot wait for the task it spawns: its caller decides.
        if self.ctx() == Ctx::Sync && !self.frame().is_entry && !through_channel {
            if let Some(f) = self.frame().fn_name.clone() {
                self.helper_spawns.entry(f).or_default().push(HelperSpawn {
                    at,
                    detail: detail.clone(),
                    writes: !written.is_empty(),
                });
            }
        }
        let reads = if through_channel {
            None
        } else {
            self.read_later(at, &written)
        };
        let frame = self.frame();
        let later: Vec<&(usize, usize, bool)> =
            frame.awaits.iter().filter(|a| (a.0, a.1) > at).collect();
        let real_wait_later = later.iter().any(|a| !a.2);
        let real_wait_anywhere = frame.awaits.iter().any(|a| !a.2);
        let mut confidence = if real_wait_later || (frame.loop_depth > 0 && real_wait_anywhere) {
            SOMETHING_WAITS
        } else if !later.is_empty() {
            ONLY_A_SLEEP_WAITS
        } else {
            NOTHING_WAITS
        };
        let mut detail = detail;
        if !frame.is_entry {
            confidence *= NOT_AN_ENTRY;
        } else if confidence == NOTHING_WAITS {
            detail.push_str(", and nothing waits for the task before the function returns");
        } else if confidence == ONLY_A_SLEEP_WAITS {
            detail.push_str(": sleeping afterwards only guesses how long the task needs");
        }
        if through_channel {
            confidence *= THROUGH_A_CHANNEL;
        }
        if let Some((line, name)) = reads {
            if confidence < READS_UNFINISHED {
                confidence = READS_UNFINISHED;
                detail = format!(
                    "{detail}; the task writes `{name}`, which line {line} reads without waiting for the task to finish"
                );
            }
        }
        self.add(MistakeId::UnjoinedTask, confidence, at, detail);
    }

    /// The first statement of this body after the one at `at` that mentions
    /// one of `names` (or what they alias), when it reads it: not a loop
    /// (polling), not a wait for a signal, not another spawn or a clone.
    fn read_later(&self, at: (usize, usize), names: &HashSet<String>) -> Option<(usize, String)> {
        if names.is_empty() {
            return None;
        }
        let f = &self.frame().fn_name;
        let mut wanted: HashSet<String> = names.clone();
        for n in names {
            let place = self.know.resolve_place(f, n);
            wanted.insert(place.split('.').next().unwrap_or(&place).to_string());
        }
        let stmts = &self.frame().stmts;
        let here = stmts.iter().position(|s| s.start <= at && at <= s.end)?;
        for s in &stmts[here + 1..] {
            // Waiting for a signal (a `Notify`, a barrier, a channel) before
            // reading may be waiting for the tasks: no claim.
            let signal = SIGNAL_WAITS.iter().any(|m| s.methods.contains(*m));
            let Some(name) = wanted.iter().find(|n| s.idents.contains(*n)) else {
                if signal {
                    return None;
                }
                continue;
            };
            if s.idents.contains("spawn")
                || (s.methods.len() == 1 && s.methods.contains("clone"))
                || s.idents.contains("drop")
            {
                continue;
            }
            if s.is_loop || signal {
                return None;
            }
            return Some((s.start.0, name.clone()));
        }
        None
    }

    /// A call of a local sync fn from async code: what follows it.
    fn sync_call(&mut self, c: &syn::ExprCall) {
        if self.ctx() != Ctx::Async {
            return;
        }
        let Some(path) = self.know.resolve_call(c) else {
            return;
        };
        let callee = path.rsplit("::").next().unwrap_or("").to_string();
        if path.matches("::").count() > 1
            || !self.know.fns.contains_key(&callee)
            || self.know.fn_is(&callee, |f| f.is_async || f.returns_future)
        {
            return;
        }
        let at = pos(c.span());
        let frame = self.frame();
        let real_wait_later = frame.awaits.iter().any(|a| (a.0, a.1) > at && !a.2);
        let then_ends = frame.is_entry && !real_wait_later && frame.loop_depth == 0;
        let passed: HashSet<String> = c.args.iter().filter_map(receiver_root).collect();
        let then_reads = self.read_later(at, &passed).is_some();
        self.sync_calls.push(SyncCall {
            callee,
            line: at.0,
            then_ends,
            then_reads,
        });
    }

    /// Tasks spawned by a sync helper whose caller then ends, or reads what
    /// they should have written, without waiting for them.
    fn helpers_lose_tasks(&mut self) {
        let mut found: Vec<(f32, (usize, usize), String)> = Vec::new();
        for call in self.sync_calls.clone() {
            for spawn in self
                .helper_spawns
                .get(&call.callee)
                .cloned()
                .unwrap_or_default()
            {
                let (confidence, why) = if call.then_reads && spawn.writes {
                    (
                        HELPER_THEN_READS,
                        "reads what the tasks write without waiting for them",
                    )
                } else if call.then_ends {
                    (HELPER_THEN_ENDS, "then ends without waiting for them")
                } else {
                    continue;
                };
                let detail = format!(
                    "{} in `{}`, a plain fn that cannot wait for the task; its caller (line {}) {why}",
                    spawn.detail, call.callee, call.line
                );
                match found.iter_mut().find(|f| f.1 == spawn.at) {
                    Some(f) if f.0 >= confidence => {}
                    Some(f) => *f = (confidence, spawn.at, detail),
                    None => found.push((confidence, spawn.at, detail)),
                }
            }
        }
        for (confidence, at, detail) in found {
            self.add(MistakeId::UnjoinedTask, confidence, at, detail);
        }
    }

    /// Struct fields holding a task's `JoinHandle` that nothing awaits:
    /// thrown away (`let _ = self.writer;`) or never used once set.
    fn handle_fields(&mut self) {
        let know = self.know;
        for (name, passing, set) in know.fields.neglected_holding(Held::Handle) {
            let dismissed = passing.iter().find(|p| p.0 == Passing::Dismissed);
            let (confidence, at, detail) = match dismissed {
                Some((_, at)) => (
                    FIELD_DISMISSED,
                    *at,
                    format!("the task's `JoinHandle` kept in the field `{name}` is thrown away here instead of awaited, so nothing waits for the task"),
                ),
                // Kept beside the receiver of its results, drained to the
                // end: that drain waits for the task.
                None if know.fields.waited_through_channel(name) => (
                    FIELD_NEVER_JOINED * THROUGH_A_CHANNEL,
                    set,
                    format!("the task's `JoinHandle` is kept in the field `{name}`, which nothing awaits (the channel drained beside it does wait for the task)"),
                ),
                None => (
                    FIELD_NEVER_JOINED,
                    set,
                    format!("the task's `JoinHandle` is kept in the field `{name}`, which nothing ever awaits"),
                ),
            };
            self.add(MistakeId::UnjoinedTask, confidence, at, detail);
        }
    }

    /// `h.await;`, `let _ = h.await;`, `h.await.ok()`, `if let Ok(..) =
    /// h.await` without else: a task's result thrown away.
    fn ignored_join(&mut self, stmt: &Stmt) {
        let (e, discarded) = match stmt {
            Stmt::Expr(e, Some(_)) => (e, true),
            Stmt::Local(l) if is_wild_let(l) => match &l.init {
                Some(init) => (&*init.expr, true),
                None => return,
            },
            Stmt::Expr(e, None) => (e, false),
            _ => return,
        };
        let e = peel(e);
        let ignored_at = match e {
            Expr::Await(a) if discarded && self.is_join_expr(&a.base) => Some(pos(a.span())),
            Expr::MethodCall(m)
                if discarded
                    && matches!(
                        m.method.to_string().as_str(),
                        "ok" | "unwrap_or_default" | "unwrap_or" | "is_ok" | "is_err"
                    )
                    && matches!(peel(&m.receiver), Expr::Await(a) if self.is_join_expr(&a.base)) =>
            {
                Some(pos(m.span()))
            }
            Expr::If(i) if i.else_branch.is_none() => match &*i.cond {
                Expr::Let(l) if matches!(peel(&l.expr), Expr::Await(a) if self.is_join_expr(&a.base)) => {
                    Some(pos(i.span()))
                }
                _ => None,
            },
            Expr::While(w) => match &*w.cond {
                Expr::Let(l) => {
                    let joins = matches!(peel(&l.expr), Expr::Await(a) if matches!(peel(&a.base), Expr::MethodCall(m) if m.method == "join_next"));
                    let pat = quote_pat(&l.pat);
                    let bound = pat
                        .strip_prefix("Some(")
                        .and_then(|p| p.strip_suffix(')'))
                        .map(|p| p.trim().trim_start_matches("mut ").to_string());
                    let ok_only = bound
                        .as_deref()
                        .is_some_and(|b| only_ok_looked_at(&w.body, b));
                    (joins && (pat.contains('_') || pat.contains("Ok") || ok_only))
                        .then(|| pos(w.span()))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(at) = ignored_at {
            let confidence = if self.know.tasks_can_panic {
                IGNORED_PANICKY
            } else {
                IGNORED
            };
            self.add(
                MistakeId::IgnoredTaskPanic,
                confidence,
                at,
                "the result of a spawned task is thrown away here: if the task panicked, nobody will know",
            );
        }
    }

    /// `join_all(handles).await.into_iter().filter_map(|r| r.ok())` (or
    /// `.flatten()`, `.filter(|r| r.is_ok())`): the tasks' failures are
    /// filtered out of their results without a word.
    fn errors_filtered_out(&mut self, m: &syn::ExprMethodCall) {
        let drops_errors = match m.method.to_string().as_str() {
            "flatten" => m.args.is_empty(),
            "filter_map" | "filter" => m.args.first().is_some_and(|a| {
                let seen = mentions_expr(a);
                seen.methods.contains("ok")
                    || seen.methods.contains("is_ok")
                    || matches!(peel(a), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "ok"))
            }),
            _ => false,
        };
        if drops_errors && self.results_of_joined_tasks(&m.receiver) {
            let confidence = if self.know.tasks_can_panic {
                IGNORED_PANICKY
            } else {
                IGNORED
            };
            self.add(
                MistakeId::IgnoredTaskPanic,
                confidence,
                pos(m.method.span()),
                format!("`{}` keeps the tasks' good results and drops their errors without a word: if a task panicked, nobody will know", m.method),
            );
        }
    }

    /// `join_all(handles).await`, maybe through `into_iter()` or `iter()`.
    fn results_of_joined_tasks(&self, e: &Expr) -> bool {
        match peel(e) {
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "into_iter" | "iter" | "drain"
                ) =>
            {
                self.results_of_joined_tasks(&m.receiver)
            }
            Expr::Await(a) => self.is_join_expr(&a.base),
            _ => false,
        }
    }

    fn is_join_expr(&self, e: &Expr) -> bool {
        match peel(e) {
            Expr::Path(_) => ident_of(e).is_some_and(|n| self.know.handle_names.contains(&n)),
            Expr::Call(c) => {
                self.know.is_spawn_expr(e)
                    || (self
                        .know
                        .resolve_call(c)
                        .is_some_and(|p| p.ends_with("join_all"))
                        && c.args.iter().any(|a| {
                            ident_of(a).is_some_and(|n| self.know.handle_collections.contains(&n))
                        }))
            }
            Expr::MethodCall(m) => m.method == "join_next" || m.method == "join_all",
            _ => false,
        }
    }
}

/// `if let Ok(v) = res { .. }` with no else (or `res.ok()` thrown away),
/// and nothing else done with `res`: its `Err` (a panic) is dropped.
fn only_ok_looked_at(body: &syn::Block, res: &str) -> bool {
    let mut ok_only = false;
    for stmt in &body.stmts {
        let e = match stmt {
            Stmt::Expr(e, _) => peel(e),
            _ => continue,
        };
        if let Expr::If(i) = e {
            if let Expr::Let(l) = &*i.cond {
                if ident_of(&l.expr).as_deref() == Some(res) {
                    if i.else_branch.is_none() && quote_pat(&l.pat).starts_with("Ok") {
                        ok_only = true;
                        continue;
                    }
                    return false;
                }
            }
        }
        if mentions_stmt(stmt).idents.contains(res) {
            return false;
        }
    }
    ok_only
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{confidence, ids, top};

    #[test]
    fn spawned_and_dropped_tasks() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                for i in 0..3 {
                    tokio::spawn(async move { println!("{i}"); });
                }
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::UnjoinedTask));
        let fine = r#"
            #[tokio::main]
            async fn main() {
                let (tx, mut rx) = tokio::sync::mpsc::channel(8);
                tokio::spawn(async move { tx.send(1).await.unwrap(); });
                while let Some(v) = rx.recv().await { println!("{v}"); }
                let h = tokio::spawn(async { 2 });
                println!("{}", h.await.unwrap());
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn ignored_join_results() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                let h = tokio::spawn(async { panic!("boom") });
                let _ = h.await;
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::IgnoredTaskPanic));
        let fine = bad.replace("let _ = h.await;", "h.await.unwrap();");
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    #[test]
    fn join_set_results_where_only_ok_is_looked_at() {
        let bad = r#"
            async fn run(items: Vec<Vec<u8>>) -> usize {
                let mut tasks = tokio::task::JoinSet::new();
                for it in items {
                    tasks.spawn(async move { it.iter().copied().max().unwrap() });
                }
                let mut n = 0;
                while let Some(outcome) = tasks.join_next().await {
                    if let Ok(top) = outcome {
                        n += top as usize;
                    }
                }
                n
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::IgnoredTaskPanic));
        let fine = bad.replace(
            "if let Ok(top) = outcome {",
            "if let Ok(top) = outcome.map_err(|e| eprintln!(\"{e}\")) {",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
        let fine = bad.replace(
            "if let Ok(top) = outcome {\n                        n += top as usize;\n                    }",
            "match outcome { Ok(top) => n += top as usize, Err(e) => panic!(\"{e}\") }",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    #[test]
    fn a_spawned_fn_that_divides_or_indexes_can_panic() {
        let bad = r#"
            async fn average(xs: Vec<u32>) -> u32 {
                xs.iter().sum::<u32>() / xs.len() as u32
            }
            async fn run(batches: Vec<Vec<u32>>) -> Vec<u32> {
                let mut set = tokio::task::JoinSet::new();
                for b in batches {
                    set.spawn(average(b));
                }
                let mut out = Vec::new();
                while let Some(r) = set.join_next().await {
                    if let Ok(v) = r {
                        out.push(v);
                    }
                }
                out
            }
        "#;
        assert!(confidence(bad, MistakeId::IgnoredTaskPanic) >= 0.7, "{bad}");
        let safe = bad.replace("/ xs.len() as u32", "/ 2");
        assert!(confidence(&safe, MistakeId::IgnoredTaskPanic) < 0.7);
    }

    #[test]
    fn a_producer_feeding_a_drained_channel_is_no_lost_task() {
        let producer = r#"
            use tokio::sync::mpsc;
            fn start() -> mpsc::Receiver<u32> {
                let (tx, rx) = mpsc::channel(4);
                tokio::spawn(async move {
                    for i in 0..3 { tx.send(i).await.unwrap(); }
                });
                rx
            }
        "#;
        let lost = r#"
            fn start(log: std::sync::Arc<std::sync::Mutex<Vec<u32>>>) {
                tokio::spawn(async move {
                    log.lock().unwrap().push(1);
                });
            }
        "#;
        let (p, l) = (
            confidence(producer, MistakeId::UnjoinedTask),
            confidence(lost, MistakeId::UnjoinedTask),
        );
        assert!(p < 0.4 && l >= 0.6, "producer {p}, lost {l}");
    }
    #[test]
    fn tasks_lost_in_a_loop_then_their_results_read() {
        let bad = r#"
            use std::sync::{Arc, Mutex};
            async fn fetch(p: u32) -> u32 { tokio::time::sleep(std::time::Duration::from_millis(5)).await; p }
            async fn save(n: usize) { tokio::time::sleep(std::time::Duration::from_millis(1)).await; }
            #[tokio::main]
            async fn main() {
                let sizes = Arc::new(Mutex::new(Vec::new()));
                for page in 0..5 {
                    let sizes = Arc::clone(&sizes);
                    tokio::spawn(async move {
                        let n = fetch(page).await;
                        sizes.lock().unwrap().push(n);
                    });
                }
                save(0).await;
                println!("{}", sizes.lock().unwrap().len());
            }
        "#;
        assert!(confidence(bad, MistakeId::UnjoinedTask) >= 0.7, "{bad}");
        // Polling the shared state until the tasks are done waits for them.
        let polled = bad.replace(
            "save(0).await;",
            "while sizes.lock().unwrap().len() < 5 { tokio::task::yield_now().await; }",
        );
        assert!(confidence(&polled, MistakeId::UnjoinedTask) < 0.7);
        // Told through a Notify the program waits on.
        let notified = bad
            .replace(
                "sizes.lock().unwrap().push(n);",
                "sizes.lock().unwrap().push(n); done.notify_one();",
            )
            .replace("save(0).await;", "done.notified().await;");
        assert!(confidence(&notified, MistakeId::UnjoinedTask) < 0.4);
    }

    #[test]
    fn a_sync_helper_that_spawns_and_returns() {
        let bad = r#"
            use std::sync::Arc;
            use std::sync::atomic::{AtomicUsize, Ordering};
            fn start(done: Arc<AtomicUsize>) {
                for _ in 0..4 {
                    let done = done.clone();
                    tokio::spawn(async move { done.fetch_add(1, Ordering::SeqCst); });
                }
            }
            #[tokio::main]
            async fn main() {
                let done = Arc::new(AtomicUsize::new(0));
                start(done.clone());
                println!("{}", done.load(Ordering::SeqCst));
            }
        "#;
        assert!(confidence(bad, MistakeId::UnjoinedTask) >= 0.7, "{bad}");
        // The caller ends right after: the tasks may never run.
        let ends = bad.replace("println!(\"{}\", done.load(Ordering::SeqCst));", "");
        assert!(confidence(&ends, MistakeId::UnjoinedTask) >= 0.7);
        // The caller goes on serving: the tasks have the time they need.
        let serves = bad.replace(
            "println!(\"{}\", done.load(Ordering::SeqCst));",
            "tokio::net::TcpListener::bind(\"127.0.0.1:0\").await.unwrap();",
        );
        assert!(confidence(&serves, MistakeId::UnjoinedTask) < 0.7);
        // A helper that hands the handles back is no lost task.
        let returns = r#"
            use std::sync::Arc;
            use std::sync::atomic::{AtomicUsize, Ordering};
            fn start(done: Arc<AtomicUsize>) -> Vec<tokio::task::JoinHandle<()>> {
                (0..4).map(|_| { let done = done.clone(); tokio::spawn(async move { done.fetch_add(1, Ordering::SeqCst); }) }).collect()
            }
            #[tokio::main]
            async fn main() {
                let done = Arc::new(AtomicUsize::new(0));
                for h in start(done.clone()) { h.await.unwrap(); }
                println!("{}", done.load(Ordering::SeqCst));
            }
        "#;
        assert!(confidence(returns, MistakeId::UnjoinedTask) < 0.4);
    }

    #[test]
    fn a_handle_kept_in_a_field_and_thrown_away() {
        let bad = r#"
            struct Logger { tx: tokio::sync::mpsc::Sender<String>, writer: tokio::task::JoinHandle<()> }
            impl Logger {
                fn new() -> Self {
                    let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(8);
                    let writer = tokio::spawn(async move {
                        while let Some(l) = rx.recv().await { println!("{l}"); }
                    });
                    Logger { tx, writer }
                }
                async fn close(self) {
                    drop(self.tx);
                    let _ = self.writer;
                }
            }
        "#;
        assert!(confidence(bad, MistakeId::UnjoinedTask) >= 0.7, "{bad}");
        let fine = bad.replace("let _ = self.writer;", "self.writer.await.unwrap();");
        assert!(confidence(&fine, MistakeId::UnjoinedTask) < 0.4);
        let never = bad.replace("let _ = self.writer;", "");
        assert!(confidence(&never, MistakeId::UnjoinedTask) >= 0.7);
        let aborted = bad.replace("let _ = self.writer;", "self.writer.abort();");
        assert!(confidence(&aborted, MistakeId::UnjoinedTask) < 0.4);
    }

    #[test]
    fn a_handle_field_beside_the_receiver_its_task_feeds_drained_to_the_end() {
        let poller = r#"
            use tokio::sync::mpsc;
            struct Poller { rx: mpsc::Receiver<u32>, task: tokio::task::JoinHandle<()> }
            impl Poller {
                fn start() -> Self {
                    let (tx, rx) = mpsc::channel(8);
                    let task = tokio::spawn(async move { for n in 0..4 { tx.send(n).await.unwrap(); } });
                    Poller { rx, task }
                }
                async fn collect(mut self) -> Vec<u32> {
                    let mut out = Vec::new();
                    while let Some(n) = self.rx.recv().await { out.push(n); }
                    out
                }
            }
        "#;
        assert!(
            confidence(poller, MistakeId::UnjoinedTask) < 0.4,
            "{poller}"
        );
        // Read once, not to its end: nothing waits for the task.
        let once = poller.replace(
            "while let Some(n) = self.rx.recv().await { out.push(n); }",
            "if let Some(n) = self.rx.recv().await { out.push(n); }",
        );
        assert!(confidence(&once, MistakeId::UnjoinedTask) >= 0.7, "{once}");
    }

    #[test]
    fn handles_collected_then_dropped_before_the_results_are_read() {
        let bad = r#"
            use std::sync::Arc;
            #[tokio::main]
            async fn main() {
                let done = Arc::new(tokio::sync::Mutex::new(Vec::new()));
                let mut jobs = Vec::new();
                for id in 0..4 {
                    let done = done.clone();
                    jobs.push(tokio::spawn(async move { done.lock().await.push(id); }));
                }
                drop(jobs);
                println!("{:?}", done.lock().await);
            }
        "#;
        assert!(confidence(bad, MistakeId::UnjoinedTask) >= 0.7, "{bad}");
        let fine = bad.replace("drop(jobs);", "for j in jobs { j.await.unwrap(); }");
        assert!(confidence(&fine, MistakeId::UnjoinedTask) < 0.4);
    }

    /// The tasks' results filtered down to their `Ok`s: a panic vanishes.
    #[test]
    fn join_results_filtered_to_their_oks() {
        let bad = r#"
            async fn count(pages: Vec<String>) -> usize {
                let handles: Vec<_> = pages
                    .into_iter()
                    .map(|p| tokio::spawn(async move { p.parse::<usize>().unwrap() }))
                    .collect();
                let counts: Vec<usize> = futures::future::join_all(handles)
                    .await
                    .into_iter()
                    .filter_map(|r| r.ok())
                    .collect();
                counts.iter().sum()
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::IgnoredTaskPanic));
        let flattened = bad.replace(".filter_map(|r| r.ok())", ".flatten()");
        assert_eq!(top(&flattened), Some(MistakeId::IgnoredTaskPanic));
        let fine = bad.replace(
            ".filter_map(|r| r.ok())",
            ".map(|r| r.expect(\"a page task failed\"))",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }
}
