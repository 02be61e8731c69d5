//! [`Walker`]: the state of the main walk, its bookkeeping, and the report it finishes with.

use std::collections::{HashMap, HashSet};

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr};

use super::finders::cost;
use super::knowledge::Knowledge;
use super::macros::{is_awaiting_macro, macro_exprs};
use super::rules::RULES;
use super::syntax::{alias_source, peel, pos};
use super::{SourceReport, SpawnSite, Spawned};
use crate::candidate::{Candidate, EvidenceKind, Note};
use crate::catalogue::{MistakeId, Routes};

/// A helper's mistake, pointed at where async code calls it: a little less
/// sure than where it is written.
const AT_CALL: f32 = 0.9;
/// At the call, the way out for a helper that blocks is the blocking pool
/// (the helper may have no async version)...
const BLOCKING_AT_CALL: Routes = Routes::new(MistakeId::BlockingInAsync, &["spawn-blocking"]);
/// ...and a sync helper that computes cannot `.await` a yield: it goes off
/// the waiters.
const HOG_AT_CALL: Routes = Routes::new(MistakeId::CpuHog, &["spawn-blocking", "own-threads"]);
/// ...and one joined with other futures in one task (`join_all` of CPU
/// jobs) runs them one after another on one thread: each goes to a task
/// of its own.
const HOG_JOINED: Routes = Routes::new(MistakeId::CpuHog, &["spread"]);

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
    /// The rounds of the loops around the code being walked, in this body
    /// (a guess for loops of unknown size).
    pub(super) loop_factor: u64,
    /// A plain (not async) closure: it may run on the loop's thread, but it
    /// cannot `.await`.
    pub(super) plain_closure: bool,
    /// The `.await`s of this body: (line, column, is a mere sleep).
    pub(super) awaits: Vec<(usize, usize, bool)>,
    /// The top-level statements of this body (set by the tasks rule), to
    /// tell what the code does after a given place.
    pub(super) stmts: Vec<StmtInfo>,
    /// Walking the body of a `select!` branch.
    pub(super) in_select_branch: bool,
    /// The innermost fn joins futures (`join!`, `join_all`...) in its own task.
    pub(super) fn_joins: bool,
    /// Inside a future that such a fn joins (an async block it does not
    /// spawn): whatever runs here takes turns with the other joined
    /// futures, inside one task, on one thread.
    pub(super) joined: bool,
}

/// A top-level statement of a body: where it is, and what it mentions.
#[derive(Debug, Clone)]
pub(super) struct StmtInfo {
    pub(super) start: (usize, usize),
    pub(super) end: (usize, usize),
    pub(super) idents: HashSet<String>,
    pub(super) methods: HashSet<String>,
    /// A `while`, `loop` or `for`: reading inside one is polling, not a read.
    pub(super) is_loop: bool,
}

/// A task spawned in a sync fn whose handle is lost there: its caller
/// decides whether anybody waits for it.
#[derive(Debug, Clone)]
pub(super) struct HelperSpawn {
    pub(super) at: (usize, usize),
    pub(super) detail: String,
    /// The task writes to shared state (a lock, an atomic, a collection).
    pub(super) writes: bool,
}

/// A call of a local sync fn from async code, and what follows it.
#[derive(Debug, Clone)]
pub(super) struct SyncCall {
    pub(super) callee: String,
    pub(super) line: usize,
    /// Nothing real is awaited after it, in `main` or a test.
    pub(super) then_ends: bool,
    /// A later statement reads a place passed to the call.
    pub(super) then_reads: bool,
}

/// A blocking (or runtime-starting, or heavy) call, before we know whether
/// its function is called from async code.
#[derive(Debug, Clone)]
pub(super) struct Event {
    pub(super) id: MistakeId,
    pub(super) confidence: f32,
    pub(super) line: usize,
    pub(super) detail: String,
    /// What it costs (see [`Candidate::cost`]), in its own fn.
    pub(super) cost: u64,
}

pub(super) struct Walker<'k> {
    pub(super) know: &'k Knowledge,
    pub(super) frames: Vec<Frame>,
    /// The call expressions that are awaited.
    pub(super) awaited: HashSet<NodeId>,
    /// The async blocks handed to a spawn.
    pub(super) spawned_blocks: HashSet<NodeId>,
    /// The closures handed to `spawn_blocking`, `thread::spawn`...
    pub(super) offloaded: HashSet<NodeId>,
    pub(super) candidates: Vec<Candidate>,
    pub(super) notes: Vec<Note>,
    /// Per sync fn: what blocking (or nested-runtime, heavy) things it does.
    pub(super) summaries: HashMap<String, Vec<Event>>,
    /// Calls of local fns (see [`LocalCall`]).
    pub(super) calls: Vec<LocalCall>,
    /// Lock pairs seen while a guard was alive.
    pub(super) lock_pairs: Vec<LockPair>,
    /// The parameter names of each local fn (`self` for a receiver); `None`
    /// when two fns of that name disagree.
    pub(super) fn_params: HashMap<String, Option<Vec<String>>>,
    /// Calls of local fns and methods: the places passed (the receiver
    /// first for a method), as seen through aliases; `?` for anything else.
    pub(super) call_sites: Vec<CallSite>,
    /// The closures and async blocks handed to a spawn.
    pub(super) spawns: Vec<SpawnSite>,
    /// Per sync fn: the tasks it spawns and loses.
    pub(super) helper_spawns: HashMap<String, Vec<HelperSpawn>>,
    /// Calls of local sync fns from async code.
    pub(super) sync_calls: Vec<SyncCall>,
}

/// A call of a local fn, followed when the walk ends.
#[derive(Debug, Clone)]
pub(super) struct LocalCall {
    pub(super) callee: String,
    /// The fn it is written in.
    pub(super) caller: Option<String>,
    pub(super) ctx: Ctx,
    pub(super) line: usize,
    pub(super) column: usize,
    /// The rounds of the loops around the call.
    pub(super) rounds: u64,
    /// In a future joined with others in one task (see [`Frame::joined`]).
    pub(super) joined: bool,
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

/// A node of the file, told apart by where it is: the first and last line
/// and column of its span. Macro bodies are parsed again from their tokens,
/// which keep their places, so a node has one id however often it is
/// parsed. (A heap address would not do: the nodes parsed from a macro body
/// are dropped, and a later node can be allocated where one of them was.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct NodeId {
    start: (usize, usize),
    end: (usize, usize),
}

impl NodeId {
    pub(super) fn of(node: &impl Spanned) -> NodeId {
        let span = node.span();
        let (start, end) = (span.start(), span.end());
        NodeId {
            start: (start.line, start.column),
            end: (end.line, end.column),
        }
    }
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
                loop_factor: 1,
                plain_closure: false,
                awaits: Vec::new(),
                stmts: Vec::new(),
                in_select_branch: false,
                fn_joins: false,
                joined: false,
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
            spawns: Vec::new(),
            helper_spawns: HashMap::new(),
            sync_calls: Vec::new(),
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
        id: MistakeId,
        confidence: f32,
        at: (usize, usize),
        detail: impl Into<String>,
    ) {
        self.add_costing(id, confidence, at, detail, 1);
    }

    /// [`Walker::add`], for a place whose own cost is known (times the
    /// loops around it).
    pub(super) fn add_costing(
        &mut self,
        id: MistakeId,
        confidence: f32,
        at: (usize, usize),
        detail: impl Into<String>,
        cost: u64,
    ) {
        let cost = cost.max(1).saturating_mul(self.frame().loop_factor);
        self.candidates.push(
            Candidate::new(id, EvidenceKind::Source, confidence, detail)
                .at(at.0, at.1)
                .costing(cost),
        );
    }

    /// A call of a local fn from the code being walked: when the walk ends,
    /// what a sync fn blocks on is followed to where async code calls it.
    pub(super) fn called(&mut self, callee: String, at: (usize, usize)) {
        let frame = self.frame();
        self.calls.push(LocalCall {
            callee,
            caller: frame.fn_name.clone(),
            ctx: frame.ctx,
            line: at.0,
            column: at.1,
            rounds: frame.loop_factor,
            joined: frame.joined,
        });
    }

    /// A closure or an async block handed to a spawn.
    pub(super) fn spawned(&mut self, e: &Expr, what: Spawned) {
        let span = e.span();
        self.spawns.push(SpawnSite {
            first: span.start().line,
            last: span.end().line,
            what,
        });
    }

    /// The candidate just added advises only these catalogue routes.
    pub(super) fn only_routes_of_last(&mut self, routes: Routes) {
        if let Some(c) = self.candidates.pop() {
            self.candidates.push(c.only_routes(routes));
        }
    }

    /// Roughly how long this expression waits (see `finders/cost.rs`).
    pub(super) fn cost_of(&self, e: &Expr) -> u64 {
        cost::of_expr(e, &self.know.consts, &self.know.fn_costs)
    }

    /// A blocking-ish event: a candidate now when in async code, or a
    /// summary of the enclosing sync fn for its async callers.
    pub(super) fn event(
        &mut self,
        id: MistakeId,
        confidence: f32,
        at: (usize, usize),
        detail: String,
    ) {
        self.event_costing(id, confidence, at, detail, 1);
    }

    /// [`Walker::event`], for a place whose own cost is known.
    pub(super) fn event_costing(
        &mut self,
        id: MistakeId,
        confidence: f32,
        at: (usize, usize),
        detail: String,
        cost: u64,
    ) {
        match self.ctx() {
            Ctx::Async => self.add_costing(
                id,
                confidence,
                at,
                format!("{detail}, inside async code"),
                cost,
            ),
            Ctx::Sync => {
                let cost = cost.max(1).saturating_mul(self.frame().loop_factor);
                if let Some(f) = self.frame().fn_name.clone() {
                    self.summaries.entry(f).or_default().push(Event {
                        id,
                        confidence,
                        line: at.0,
                        detail,
                        cost,
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
        let (fn_joins, joined) = (self.frame().fn_joins, self.frame().joined);
        self.frames.push(Frame {
            ctx,
            fn_name,
            is_entry,
            loop_depth: 0,
            loop_factor: 1,
            plain_closure: false,
            awaits,
            stmts: Vec::new(),
            in_select_branch: false,
            fn_joins,
            joined,
        });
    }

    pub(super) fn finish(mut self) -> SourceReport {
        // Follow calls from async code into sync helpers that block.
        for _ in 0..4 {
            let mut grew = false;
            for LocalCall {
                callee,
                caller,
                ctx,
                ..
            } in self.calls.clone()
            {
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
        // A helper that blocks is pointed at where async code calls it: that
        // line is the learner's (the helper may be a library they must not
        // change), and the fix (an `.await`, `spawn_blocking`) goes there.
        let mut at_call: Vec<(Event, String, usize, usize, bool)> = Vec::new();
        for LocalCall {
            callee,
            ctx,
            line,
            column,
            rounds,
            joined,
            ..
        } in self.calls.clone()
        {
            if ctx != Ctx::Async || self.know.is_async_fn(&callee) {
                continue;
            }
            for mut ev in self.summaries.get(&callee).cloned().unwrap_or_default() {
                ev.cost = ev.cost.saturating_mul(rounds);
                let same = at_call
                    .iter_mut()
                    .find(|(e, _, l, _, _)| e.id == ev.id && *l == line);
                match same {
                    Some(s) if s.0.confidence >= ev.confidence => {}
                    Some(s) => s.0 = ev,
                    None => at_call.push((ev, callee.clone(), line, column, joined)),
                }
            }
        }
        for (ev, callee, line, column, joined) in at_call {
            let candidate = Candidate::new(
                ev.id,
                EvidenceKind::Source,
                ev.confidence * AT_CALL,
                format!(
                    "async code calls `{callee}` here, and inside it {} (line {})",
                    ev.detail, ev.line
                ),
            )
            .at(line, column.max(1))
            .costing(ev.cost);
            self.candidates.push(match ev.id {
                MistakeId::BlockingInAsync => candidate.only_routes(BLOCKING_AT_CALL),
                // Joined with other futures in one task, the jobs take
                // turns on one thread: each a task of its own, they spread
                // over the worker threads.
                MistakeId::CpuHog if joined => candidate.only_routes(HOG_JOINED),
                MistakeId::CpuHog => candidate.only_routes(HOG_AT_CALL),
                _ => candidate,
            });
        }
        for rule in RULES {
            rule.finish(&mut self);
        }
        for c in self.candidates.iter_mut() {
            c.in_tests = self.know.in_tests(c.line);
        }
        SourceReport {
            candidates: self.candidates,
            notes: self.notes,
            parsed: true,
            spawns: self.spawns,
            // Set by `analyze`, from the whole file.
            handles_join_errors: false,
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
    use super::NodeId;
    use crate::catalogue::MistakeId;
    use crate::source::analyze;
    use crate::source::testing::{lines, top};

    /// A sync helper that blocks is pointed at where async code calls it:
    /// that is the learner's line (the helper may be a library).
    #[test]
    fn a_blocking_helper_is_pointed_at_its_call_in_async_code() {
        let src = r#"
            fn legacy_lookup(table: u32) -> String {
                std::thread::sleep(std::time::Duration::from_millis(100));
                format!("table {table}")
            }
            async fn reservation(table: u32) -> String {
                legacy_lookup(table)
            }
            fn report() -> String { legacy_lookup(1) }
        "#;
        assert_eq!(lines(src, MistakeId::BlockingInAsync), [7]);
        let c = &analyze(src).candidates[0];
        assert!(c.detail.contains("line 3"), "{}", c.detail);
        assert!(c.detail.contains("legacy_lookup"), "{}", c.detail);
        // At the call, the way out is to hand the call to the blocking pool
        // (the helper may have no async version).
        assert_eq!(c.routes, ["spawn-blocking"]);
        // Blocking written in the async fn itself is pointed at directly.
        let direct = r#"
            async fn reservation(table: u32) -> String {
                std::thread::sleep(std::time::Duration::from_millis(100));
                format!("table {table}")
            }
        "#;
        assert_eq!(lines(direct, MistakeId::BlockingInAsync), [3]);
        // A sleep there is a wait: its async version is the way out.
        assert_eq!(analyze(direct).candidates[0].routes, ["async-version"]);
        // A sync helper that computes cannot `.await` a yield: it goes off
        // the waiters.
        let crunch = r#"
            fn crunch(n: u64) -> u64 {
                let mut s = 0;
                for i in 0..50_000_000u64 { s ^= i * n; }
                s
            }
            async fn all() -> u64 { crunch(3) }
        "#;
        let c = analyze(crunch);
        let hog = c
            .candidates
            .iter()
            .find(|c| c.id == MistakeId::CpuHog)
            .unwrap();
        assert_eq!(hog.line, 7);
        assert_eq!(hog.routes, ["spawn-blocking", "own-threads"]);
    }

    /// CPU jobs joined in one task (`join_all`, `join!` of async blocks)
    /// take turns on one thread: the way out is a task each. Spawned, or
    /// called straight from the fn, they are told the other routes.
    #[test]
    fn a_hog_joined_in_one_task_is_told_to_spread() {
        let routes = |src: &str| {
            analyze(src)
                .candidates
                .iter()
                .find(|c| c.id == MistakeId::CpuHog)
                .map(|c| c.routes.to_vec())
                .expect("a hog")
        };
        let joined = r#"
            fn crunch(n: u64) -> u64 {
                let mut s = 0;
                for i in 0..50_000_000u64 { s ^= i * n; }
                s
            }
            async fn all(n: u64) -> Vec<u64> {
                let jobs = (1..=n).map(|i| async move { crunch(i) });
                futures::future::join_all(jobs).await
            }
        "#;
        assert_eq!(routes(joined), ["spread"]);
        let macro_joined = r#"
            fn crunch(n: u64) -> u64 {
                let mut s = 0;
                for i in 0..50_000_000u64 { s ^= i * n; }
                s
            }
            async fn both() -> (u64, u64) {
                tokio::join!(async { crunch(1) }, async { crunch(2) })
            }
        "#;
        assert_eq!(routes(macro_joined), ["spread"]);
        let spawned = joined.replace(
            "async move { crunch(i) }",
            "tokio::spawn(async move { crunch(i) })",
        );
        assert_eq!(routes(&spawned), ["spawn-blocking", "own-threads"]);
        let alone = r#"
            fn crunch(n: u64) -> u64 {
                let mut s = 0;
                for i in 0..50_000_000u64 { s ^= i * n; }
                s
            }
            async fn one() -> u64 { crunch(1) }
        "#;
        assert_eq!(routes(alone), ["spawn-blocking", "own-threads"]);
    }

    #[test]
    fn lines_inside_the_tests_are_marked() {
        let src = r#"
            async fn serve() {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            #[tokio::test]
            async fn a_test_at_the_top() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            #[cfg(test)]
            mod tests {
                #[tokio::test]
                async fn waits() {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        "#;
        let marks: Vec<(usize, bool)> = analyze(src)
            .candidates
            .iter()
            .filter(|c| c.id == MistakeId::BlockingInAsync)
            .map(|c| (c.line, c.in_tests))
            .collect();
        assert_eq!(marks, [(3, false), (7, true), (13, true)]);
    }

    #[test]
    fn blocking_two_calls_deep() {
        let bad = r#"
            fn load() -> String { std::fs::read_to_string("x").unwrap() }
            fn prepare() -> String { load() }
            async fn handler() -> usize { prepare().len() }
        "#;
        assert_eq!(top(bad), Some(MistakeId::BlockingInAsync));
    }

    /// Nodes parsed from a macro body are dropped once walked. When they
    /// were told apart by heap address, a later call could be allocated
    /// where an awaited one had been, and look awaited: each of these
    /// blocking calls went unreported (with glibc's allocator, every time).
    #[test]
    fn a_call_after_an_awaited_one_in_a_macro_is_not_taken_for_awaited() {
        let sleep = r#"
async fn serve(rx: &mut tokio::sync::mpsc::Receiver<u32>, d: std::time::Duration) {
    assert_eq!(rx.recv().await, Some(1));
    println!("{:?}", &std::thread::sleep(d));
}
"#;
        assert_eq!(lines(sleep, MistakeId::BlockingInAsync), [4]);
        let read = r#"
async fn serve(rx: &mut tokio::sync::mpsc::Receiver<u32>, path: &str) {
    assert_eq!(rx.recv().await, Some(1));
    assert!(std::fs::read_to_string(path).is_ok());
}
"#;
        assert_eq!(lines(read, MistakeId::BlockingInAsync), [4]);
        let lock = r#"
async fn work() -> u32 { 1 }
async fn serve(m: &tokio::sync::Mutex<Vec<u8>>) {
    println!("{}", work().await);
    println!("x");
    assert!(m.blocking_lock().is_empty());
}
"#;
        assert_eq!(lines(lock, MistakeId::BlockingInAsync), [6]);
    }

    /// A node is known by where it is: two calls of the same text on two
    /// lines are two nodes, and a macro body parsed twice gives the same
    /// nodes.
    #[test]
    fn nodes_are_told_apart_by_their_place() {
        let file: syn::File =
            syn::parse_str("fn f() {\n    println!(\"{}\", g(1));\n    println!(\"{}\", g(1));\n}")
                .unwrap();
        let syn::Item::Fn(f) = &file.items[0] else {
            panic!("a fn")
        };
        let call_in = |stmt: &syn::Stmt| {
            let syn::Stmt::Macro(m) = stmt else {
                panic!("a macro")
            };
            let exprs = crate::source::macros::macro_exprs(&m.mac);
            let syn::Expr::Call(c) = &exprs[1] else {
                panic!("a call")
            };
            NodeId::of(c)
        };
        let (first, second) = (call_in(&f.block.stmts[0]), call_in(&f.block.stmts[1]));
        assert_ne!(first, second);
        assert_eq!(first, call_in(&f.block.stmts[0]));
    }
}
