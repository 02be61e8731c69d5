//! cpu-hog: loops that run long (or forever, or spin) without an `.await`.

use std::collections::HashMap;

use syn::visit::{self, Visit};
use syn::Block;

use super::{Loop, LoopKind, Rule};
use crate::catalogue::MistakeId;
use crate::source::finders::await_finder::contains_await_block;
use crate::source::finders::cost;
use crate::source::finders::loop_shape::block_exits;
use crate::source::finders::mentions::{mentions_block, mentions_expr};
use crate::source::macros::macro_exprs;
use crate::source::syntax::{pos, range_len};
use crate::source::walker::{Ctx, Walker};

/// A `for` of a million rounds or more with no `.await`.
const MILLION_ROUNDS: f32 = 0.65;
/// A loop over a range whose size is not written down: only a run that
/// shows a starved loop makes it the suspect.
const UNKNOWN_SIZE: f32 = 0.3;
/// A `while` that spins on a clock or a flag.
const BUSY_WAIT: f32 = 0.75;
/// A `loop` that never ends and never awaits, or spins.
const ENDLESS: f32 = 0.7;
/// A loop that spins in a sync fn that no async code is seen calling: too
/// weak to tell alone, but a hang with it in sight is no deadlock.
const SPINS_OUT_OF_SIGHT: f32 = 0.3;
/// Polls that return at once (`try_recv`, `try_lock`...): a loop of them
/// with no `.await` spins.
const TRY_POLLS: &[&str] = &[
    "try_recv",
    "try_lock",
    "try_read",
    "try_write",
    "try_acquire",
    "try_wait",
    "is_finished",
];
/// Rounds from which a loop with no `.await` is long.
const LONG: u128 = 1_000_000;

pub(super) struct CpuHog;

/// Sorts: their cost grows with a collection whose size is seldom
/// written down, so only a run that shows a starved loop makes one the
/// suspect.
const SORTS: &[&str] = &[
    "sort",
    "sort_unstable",
    "sort_by",
    "sort_by_key",
    "sort_unstable_by",
    "sort_unstable_by_key",
];

impl Rule for CpuHog {
    fn loop_expr(&self, w: &mut Walker<'_>, l: &Loop<'_>) {
        w.check_loop(l);
    }

    fn method_call(&self, w: &mut Walker<'_>, m: &syn::ExprMethodCall) {
        let name = m.method.to_string();
        if SORTS.contains(&name.as_str()) && w.ctx() != Ctx::Offloaded {
            w.event(
                MistakeId::CpuHog,
                UNKNOWN_SIZE,
                pos(m.method.span()),
                format!("`{name}` of a collection of unknown size runs with no `.await`"),
            );
        }
    }
}

impl Walker<'_> {
    fn check_loop(&mut self, l: &Loop<'_>) {
        let Loop {
            kind,
            head,
            body,
            span,
        } = *l;
        if self.ctx() == Ctx::Offloaded || contains_await_block(body) {
            return;
        }
        let inside = mentions_block(body);
        if inside.methods.contains("spawn") || inside.calls.iter().any(|c| c.ends_with("spawn")) {
            return; // a loop that starts tasks is quick; see `spawn_per_item`
        }
        if matches!(kind, LoopKind::For)
            && ["send", "try_send", "unbounded_send"]
                .iter()
                .any(|m| inside.methods.contains(*m))
        {
            return; // a producer of items: when nothing makes it wait, see `unbounded`
        }
        if matches!(kind, LoopKind::For) && head.is_some_and(|h| self.waits_on_std_receiver(h)) {
            return; // it blocks while it waits: see blocking-in-async
        }
        if matches!(kind, LoopKind::While) && head.is_some_and(drains_until_empty) {
            return; // `while let Ok(x) = rx.try_recv()` stops at the first miss
        }
        let yields = self.yields_the_thread(body);
        let polls = {
            let head = head.map(mentions_expr).unwrap_or_default();
            TRY_POLLS
                .iter()
                .any(|p| inside.methods.contains(*p) || head.methods.contains(*p))
        };
        if (yields || polls) && matches!(kind, LoopKind::Loop | LoopKind::While) {
            // A loop that polls (or yields) until something changes: the
            // thing it waits for needs the thread it keeps. Named at the
            // yield in async code (which looks like a fix and is not).
            let detail = "a busy-wait loop that polls without `.await`, so what it waits for never gets the thread";
            match self.ctx() {
                Ctx::Async if !yields => {
                    self.add(MistakeId::CpuHog, BUSY_WAIT, pos(span), detail);
                }
                Ctx::Sync => {
                    self.add(MistakeId::CpuHog, SPINS_OUT_OF_SIGHT, pos(span), detail);
                    self.event(MistakeId::CpuHog, BUSY_WAIT, pos(span), detail.into());
                }
                _ => {}
            }
            return;
        }
        if yields {
            return; // named at the yield, which looks like a fix and is not
        }
        let at = pos(span);
        let consts = &self.know.consts;
        let mut detail = None;
        let mut confidence = 0.0;
        let mut rounds = cost::UNKNOWN_ROUNDS;
        match kind {
            LoopKind::For => {
                let known = head.and_then(|h| range_len(h, consts));
                let inner = max_inner_range(body, consts).unwrap_or(1);
                let total = known.unwrap_or(1).saturating_mul(inner);
                if known.is_some() {
                    rounds = total.min(u64::MAX as u128) as u64;
                }
                if total >= LONG {
                    confidence = MILLION_ROUNDS;
                    detail = Some(format!("a loop of about {total} rounds with no `.await`"));
                } else if head.is_some() && known.is_none() && !body.stmts.is_empty() {
                    // `0..limit`: its size is not written down; only a run
                    // that shows a starved loop makes it the suspect.
                    confidence = UNKNOWN_SIZE;
                    detail =
                        Some("a loop over a range of unknown size with no `.await`".to_string());
                }
            }
            LoopKind::While => {
                let m = head.map(mentions_expr).unwrap_or_default();
                if (m.idents.contains("Instant")
                    || m.methods.contains("elapsed")
                    || m.methods.contains("load"))
                    && body.stmts.len() <= 2
                {
                    confidence = BUSY_WAIT;
                    detail = Some("a busy-wait loop that spins without `.await`".to_string());
                }
            }
            LoopKind::Loop => {
                let m = mentions_block(body);
                let breaks = block_exits(body);
                if !breaks && !m.macros.contains("panic") {
                    confidence = ENDLESS;
                    detail = Some("a loop that never ends and never awaits".to_string());
                } else if m.idents.contains("Instant")
                    || m.methods.contains("elapsed")
                    || m.methods.contains("load")
                {
                    confidence = ENDLESS;
                    detail = Some("a busy-wait loop that spins without `.await`".to_string());
                }
            }
        }
        if let Some(detail) = detail {
            self.event_costing(MistakeId::CpuHog, confidence, at, detail, rounds);
        }
    }
}

/// `while let Ok(x) = rx.try_recv()`: it ends as soon as a poll finds
/// nothing, so it drains what is there and does not spin.
fn drains_until_empty(head: &syn::Expr) -> bool {
    let syn::Expr::Let(l) = head else {
        return false;
    };
    let succeeds = match &*l.pat {
        syn::Pat::TupleStruct(t) => t.path.is_ident("Ok") || t.path.is_ident("Some"),
        _ => false,
    };
    let polls = mentions_expr(&l.expr);
    succeeds && TRY_POLLS.iter().any(|p| polls.methods.contains(*p))
}

impl Walker<'_> {
    /// `for r in rx.iter()`, `for r in &rx`: over a `std::sync::mpsc`
    /// receiver, whose every round waits for a message.
    fn waits_on_std_receiver(&self, head: &syn::Expr) -> bool {
        mentions_expr(head)
            .idents
            .iter()
            .any(|i| self.know.std_receivers.contains(i))
    }

    /// Does this loop body call `std::thread::yield_now()` (not in a
    /// closure or an async block of its own)?
    fn yields_the_thread(&self, body: &Block) -> bool {
        struct Y<'a, 'k> {
            w: &'a Walker<'k>,
            found: bool,
        }
        impl<'ast> Visit<'ast> for Y<'_, '_> {
            fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
                if self.w.know.resolve_call(c).as_deref() == Some("std::thread::yield_now") {
                    self.found = true;
                }
                visit::visit_expr_call(self, c);
            }
            fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
            fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
            fn visit_item(&mut self, _: &'ast syn::Item) {}
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                for e in macro_exprs(m) {
                    self.visit_expr(&e);
                }
            }
        }
        let mut y = Y {
            w: self,
            found: false,
        };
        y.visit_block(body);
        y.found
    }
}

fn max_inner_range(b: &Block, consts: &HashMap<String, u128>) -> Option<u128> {
    struct I<'a> {
        consts: &'a HashMap<String, u128>,
        best: Option<u128>,
    }
    impl<'ast> Visit<'ast> for I<'_> {
        fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
            if let Some(n) = range_len(&f.expr, self.consts) {
                let inner = max_inner_range(&f.body, self.consts).unwrap_or(1);
                let total = n.saturating_mul(inner);
                self.best = Some(self.best.map_or(total, |b| b.max(total)));
            }
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if let Some(n) = range_len(&m.receiver, self.consts) {
                self.best = Some(self.best.map_or(n, |b| b.max(n)));
            }
            visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    }
    let mut v = I { consts, best: None };
    v.visit_block(b);
    v.best
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::analyze;
    use crate::source::testing::{confidence, ids, lines, top};

    /// A loop that hands each item to a channel is a producer: when nothing
    /// makes it wait, that is backpressure, not a long computation.
    #[test]
    fn a_producer_loop_is_not_a_hog() {
        let src = r#"
            async fn till(orders: u32, tx: tokio::sync::mpsc::UnboundedSender<u32>) -> u64 {
                let mut total = 0u64;
                for order in 0..orders {
                    tx.send(order).unwrap();
                    total += order as u64;
                }
                total
            }
        "#;
        assert_eq!(confidence(src, MistakeId::CpuHog), 0.0);
        let computes = src.replace(
            "tx.send(order).unwrap();",
            "total = total.wrapping_mul(31);",
        );
        assert!(confidence(&computes, MistakeId::CpuHog) > 0.0);
    }

    /// A loop in async code that polls `try_recv` until a value comes, and
    /// never awaits: the sender never gets the thread it waits for.
    #[test]
    fn a_loop_polling_try_recv_without_await_is_a_busy_wait() {
        let bad = r#"
            async fn next(rx: &mut tokio::sync::mpsc::Receiver<u32>) -> u32 {
                loop {
                    if let Ok(v) = rx.try_recv() { break v; }
                }
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::CpuHog));
        assert_eq!(lines(bad, MistakeId::CpuHog), [3]);
        let fixed = bad.replace(
            "if let Ok(v) = rx.try_recv() { break v; }",
            "if let Some(v) = rx.recv().await { break v; }",
        );
        assert_eq!(confidence(&fixed, MistakeId::CpuHog), 0.0);
        // In a sync fn nobody async is seen calling: too weak to tell alone.
        let sync = bad.replace("async fn next", "fn next");
        assert!(ids(&sync).is_empty(), "{:?}", ids(&sync));
        assert!(confidence(&sync, MistakeId::CpuHog) > 0.0);
    }

    /// The learner's natural wrong fix for a hog: a thread's yield, which
    /// leaves the task on the thread.
    #[test]
    fn std_thread_yield_now_in_async_code_is_named() {
        let src = r#"
            use std::thread;
            async fn audit(limit: u64) -> u64 {
                let mut sum = 0u64;
                for i in 0..limit {
                    sum = sum.wrapping_add(i * i);
                    if i % 1000 == 0 {
                        thread::yield_now();
                    }
                }
                sum
            }
        "#;
        assert_eq!(top(src), Some(MistakeId::CpuHog));
        assert_eq!(lines(src, MistakeId::CpuHog), [8]);
        let r = analyze(src);
        let detail = &r
            .candidates
            .iter()
            .find(|c| c.id == MistakeId::CpuHog)
            .unwrap()
            .detail;
        assert!(detail.contains("`std::thread::yield_now()`"), "{detail}");
        assert!(
            detail.contains("tokio::task::yield_now().await"),
            "{detail}"
        );
        // Called through a sync helper, it is named at the call.
        let helper = r#"
            fn breathe() { std::thread::yield_now(); }
            async fn spin(flag: &std::sync::atomic::AtomicBool) {
                while !flag.load(std::sync::atomic::Ordering::Relaxed) { breathe(); }
            }
        "#;
        assert_eq!(top(helper), Some(MistakeId::CpuHog));
        assert_eq!(lines(helper, MistakeId::CpuHog), [4]);
        // Where it belongs (a thread of its own, sync code), it is fine.
        let threads = r#"
            fn spin() { for _ in 0..10 { std::thread::yield_now(); } }
            fn start() {
                std::thread::spawn(|| std::thread::yield_now()).join().unwrap();
                spin();
            }
            async fn offloaded() {
                tokio::task::spawn_blocking(|| std::thread::yield_now()).await.unwrap();
            }
        "#;
        assert!(ids(threads).is_empty(), "{:?}", ids(threads));
        // tokio's yield is the fix.
        let fixed = src.replace("thread::yield_now();", "tokio::task::yield_now().await;");
        assert!(ids(&fixed).is_empty(), "{:?}", ids(&fixed));
    }

    #[test]
    fn cpu_hog_and_busy_wait() {
        let bad = r#"
            async fn crunch() -> u64 {
                let mut sum = 0u64;
                for i in 0..50_000_000u64 { sum = sum.wrapping_add(i * i); }
                sum
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::CpuHog));
        let fine = r#"
            async fn crunch() -> u64 {
                let mut sum = 0u64;
                for i in 0..50_000_000u64 {
                    sum = sum.wrapping_add(i * i);
                    if i % 1_000_000 == 0 { tokio::task::yield_now().await; }
                }
                sum
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }
}
