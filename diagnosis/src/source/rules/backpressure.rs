//! unbounded-backpressure: unbounded channels, and a task spawned per item with no limit.

use std::collections::HashMap;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, Stmt};

use super::channels::ChannelPair;
use super::{FnItem, Loop, LoopKind, Rule};
use crate::catalogue::{MistakeId, Routes};
use crate::source::finders::await_finder::{contains_await_block, waits_beyond_yields};
use crate::source::finders::mentions::mentions_block;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, is_wild_let, peel, pos, quote_type, range_len};
use crate::source::walker::{Ctx, Walker};

/// A producer that sends many items without ever waiting: sure, even when
/// the run went well.
const FLOODS: f32 = 0.78;
/// A loop at least this long that sends without waiting floods the channel.
const FLOOD_ROUNDS: u128 = 100;
/// Sends from a loop, into a channel with no bound.
const SENDS_IN_A_LOOP: f32 = 0.55;
/// An unbounded channel, and nothing more seen.
const UNBOUNDED: f32 = 0.4;
/// Ten thousand tasks from a loop that never waits.
const TASK_FLOOD: f32 = 0.78;
/// A task per item of a big loop of known size...
const TASK_PER_ITEM: f32 = 0.45;
/// ... or of unknown size: a suspect only when a run shows too many at once.
const TASK_PER_UNKNOWN_ITEM: f32 = 0.35;
/// A semaphore's permit dropped as soon as it is taken (`let _ =
/// sem.acquire().await`): the work after it runs with no limit at all.
const PERMIT_DROPPED: f32 = 0.8;
const BOUNDED_CHANNEL: Routes = Routes::new(MistakeId::UnboundedBackpressure, &["bounded-channel"]);
const SEMAPHORE: Routes = Routes::new(MistakeId::UnboundedBackpressure, &["semaphore"]);

pub(super) struct Backpressure;

impl Rule for Backpressure {
    fn fn_item(&self, w: &mut Walker<'_>, f: &FnItem<'_>) {
        if let Some(span) = floods_param(f, &w.know.consts) {
            w.add(
                MistakeId::UnboundedBackpressure,
                FLOODS,
                pos(span),
                format!("`{}` sends many items into an unbounded channel and never waits: nothing makes the producer wait when the consumer falls behind", f.name),
            );
            w.only_routes_of_last(BOUNDED_CHANNEL);
        }
    }

    fn statement(&self, w: &mut Walker<'_>, stmt: &Stmt, rest: &[Stmt]) {
        let dropped = match stmt {
            Stmt::Local(l) if is_wild_let(l) => l.init.as_ref().map(|i| &*i.expr),
            Stmt::Expr(e, Some(_)) => Some(e),
            _ => None,
        };
        if let Some(method) = dropped.and_then(acquired_permit) {
            // A method of that name written in this file is the program's
            // own (a rate limiter's `acquire` that waits and returns `()`).
            if !rest.is_empty() && !w.know.fns.contains_key(&method) {
                w.add(
                    MistakeId::UnboundedBackpressure,
                    PERMIT_DROPPED,
                    pos(stmt.span()),
                    format!("the permit of `{method}` is dropped as soon as it is taken, so the work after it runs with no limit"),
                );
                w.only_routes_of_last(SEMAPHORE);
            }
        }
        let Some(pair) = ChannelPair::of(stmt, w.know) else {
            return;
        };
        if pair.path.ends_with("unbounded_channel") || pair.path.ends_with("mpsc::unbounded") {
            w.unbounded(pos(pair.call.span()), rest);
        }
    }

    fn loop_expr(&self, w: &mut Walker<'_>, l: &Loop<'_>) {
        let rounds = match (l.kind, l.head) {
            (LoopKind::For, Some(over)) => range_len(over, &w.know.consts),
            (LoopKind::Loop, _) => Some(u128::MAX),
            _ => return,
        };
        w.spawn_per_item(l.body, rounds, l.span);
    }
}

impl Walker<'_> {
    fn unbounded(&mut self, at: (usize, usize), rest: &[Stmt]) {
        // Sends from a loop without any wait in it are a producer with no brake.
        struct L<'a> {
            consts: &'a HashMap<String, u128>,
            in_loop: usize,
            hit: bool,
            floods: bool,
        }
        impl<'ast> Visit<'ast> for L<'_> {
            fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
                if (m.method == "send" || m.method == "unbounded_send")
                    && self.in_loop > 0
                    && ident_of(&m.receiver).is_some()
                {
                    self.hit = true;
                }
                visit::visit_expr_method_call(self, m);
            }
            fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
                if for_floods(f, self.consts) {
                    self.floods = true;
                }
                self.in_loop += 1;
                visit::visit_expr_for_loop(self, f);
                self.in_loop -= 1;
            }
            fn visit_expr_while(&mut self, f: &'ast syn::ExprWhile) {
                self.in_loop += 1;
                visit::visit_expr_while(self, f);
                self.in_loop -= 1;
            }
            fn visit_expr_loop(&mut self, f: &'ast syn::ExprLoop) {
                if loop_floods(f) {
                    self.floods = true;
                }
                self.in_loop += 1;
                visit::visit_expr_loop(self, f);
                self.in_loop -= 1;
            }
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                for e in macro_exprs(m) {
                    self.visit_expr(&e);
                }
            }
        }
        let mut l = L {
            consts: &self.know.consts,
            in_loop: 0,
            hit: false,
            floods: false,
        };
        for s in rest {
            l.visit_stmt(s);
        }
        // A producer that sends many items without ever waiting is sure
        // evidence: nothing can slow it, even when this run went well.
        let confidence = if l.floods {
            FLOODS
        } else if l.hit {
            SENDS_IN_A_LOOP
        } else {
            UNBOUNDED
        };
        self.add(
            MistakeId::UnboundedBackpressure,
            confidence,
            at,
            "an unbounded channel: nothing makes the producer wait when the consumer falls behind",
        );
        self.only_routes_of_last(BOUNDED_CHANNEL);
    }

    /// A task spawned for every item of a big (or endless) loop, with no
    /// limit on how many run at once.
    fn spawn_per_item(&mut self, body: &Block, rounds: Option<u128>, span: proc_macro2::Span) {
        if self.ctx() != Ctx::Async
            || self.know.limits_concurrency
            || rounds.is_some_and(|n| n < 1000)
        {
            return;
        }
        // A loop of unknown length (over a list given by the caller) is a
        // suspect only when a run shows too many at once.
        // Ten thousand tasks started by a loop that never waits is a flood
        // whatever this run showed, like a producer flooding a channel.
        let confidence = if rounds.is_some_and(|n| n >= 10_000) && !contains_await_block(body) {
            TASK_FLOOD
        } else if rounds.is_some() {
            TASK_PER_ITEM
        } else {
            TASK_PER_UNKNOWN_ITEM
        };
        let m = mentions_block(body);
        let spawns =
            m.calls.iter().any(|c| self.know.is_spawn_expr_path(c)) || m.methods.contains("spawn");
        if spawns {
            self.add(
                MistakeId::UnboundedBackpressure,
                confidence,
                pos(span),
                "a task is spawned for every item, with nothing limiting how many run at once",
            );
            self.only_routes_of_last(SEMAPHORE);
        }
    }
}

/// `sem.acquire().await` (maybe `.unwrap()`, `.expect(..)`, `?`): the
/// method that took a semaphore's permit.
fn acquired_permit(e: &Expr) -> Option<String> {
    match peel(e) {
        Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => {
            acquired_permit(&m.receiver)
        }
        Expr::Try(t) => acquired_permit(&t.expr),
        Expr::Await(a) => match peel(&a.base) {
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "acquire" | "acquire_owned" | "acquire_many" | "acquire_many_owned"
                ) =>
            {
                Some(m.method.to_string())
            }
            _ => None,
        },
        _ => None,
    }
}

/// Does this code send on a channel (outside nested futures)?
fn sends(b: &Block) -> bool {
    let m = mentions_block(b);
    m.methods.contains("send") || m.methods.contains("unbounded_send")
}

/// A producer fn handed an `UnboundedSender` that floods it: a loop of
/// known size (at least [`FLOOD_ROUNDS`]), or endless, that sends and
/// never waits.
/// A long `for` that sends and never waits: the producer floods.
fn for_floods(f: &syn::ExprForLoop, consts: &HashMap<String, u128>) -> bool {
    range_len(&f.expr, consts).is_some_and(|n| n >= FLOOD_ROUNDS)
        && sends(&f.body)
        && !waits_beyond_yields(&f.body)
}

/// A `loop` that sends and never waits: the producer floods.
fn loop_floods(l: &syn::ExprLoop) -> bool {
    sends(&l.body) && !waits_beyond_yields(&l.body)
}

fn floods_param(f: &FnItem<'_>, consts: &HashMap<String, u128>) -> Option<proc_macro2::Span> {
    let unbounded_param = f.sig.inputs.iter().any(|a| match a {
        syn::FnArg::Typed(t) => quote_type(&t.ty).contains("UnboundedSender"),
        syn::FnArg::Receiver(_) => false,
    });
    if !unbounded_param {
        return None;
    }
    struct F<'a> {
        consts: &'a HashMap<String, u128>,
        at: Option<proc_macro2::Span>,
    }
    impl<'ast> Visit<'ast> for F<'_> {
        fn visit_expr_for_loop(&mut self, l: &'ast syn::ExprForLoop) {
            if for_floods(l, self.consts) {
                self.at.get_or_insert(l.span());
            }
            visit::visit_expr_for_loop(self, l);
        }
        fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
            if loop_floods(l) {
                self.at.get_or_insert(l.span());
            }
            visit::visit_expr_loop(self, l);
        }
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut v = F { consts, at: None };
    v.visit_block(f.block);
    v.at
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::confidence;

    fn routes(src: &str) -> Vec<&'static str> {
        crate::source::analyze(src)
            .candidates
            .iter()
            .find(|c| c.id == MistakeId::UnboundedBackpressure)
            .map(|c| c.routes.to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn a_producer_that_floods_an_unbounded_channel_is_sure() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                let (events, mut inbox) = tokio::sync::mpsc::unbounded_channel();
                tokio::spawn(async move {
                    for i in 0..10_000u32 { events.send(i).unwrap(); }
                });
                while let Some(e) = inbox.recv().await {
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                    println!("{e}");
                }
            }
        "#;
        assert!(confidence(bad, MistakeId::UnboundedBackpressure) >= 0.75);
        assert_eq!(routes(bad), ["bounded-channel"]);
        // Yielding lets other tasks run, but waits for nobody.
        let yielding = bad.replace(
            "events.send(i).unwrap(); }",
            "events.send(i).unwrap(); tokio::task::yield_now().await; }",
        );
        assert!(confidence(&yielding, MistakeId::UnboundedBackpressure) >= 0.75);
        // A handful of messages is no flood.
        let few = bad.replace("0..10_000u32", "0..3u32");
        assert!(confidence(&few, MistakeId::UnboundedBackpressure) < 0.7);
        // A bounded channel makes the producer wait: nothing to say.
        let bounded = bad
            .replace("unbounded_channel()", "channel(16)")
            .replace("events.send(i).unwrap()", "events.send(i).await.unwrap()");
        assert_eq!(confidence(&bounded, MistakeId::UnboundedBackpressure), 0.0);
    }

    #[test]
    fn ten_thousand_tasks_from_a_loop_that_never_waits_is_sure() {
        let bad = r#"
            async fn work(i: u32) -> u32 { i }
            #[tokio::main]
            async fn main() {
                let mut hs = Vec::new();
                for i in 0..50_000u32 {
                    hs.push(tokio::spawn(work(i)));
                }
                for h in hs { h.await.unwrap(); }
            }
        "#;
        assert!(confidence(bad, MistakeId::UnboundedBackpressure) >= 0.75);
        // A spawn per item is limited with a semaphore, not a channel.
        assert_eq!(routes(bad), ["semaphore"]);
        let few = bad.replace("0..50_000u32", "0..2_000u32");
        assert!(confidence(&few, MistakeId::UnboundedBackpressure) < 0.7);
        let limited = bad.replace(
            "hs.push(tokio::spawn(work(i)));",
            "let permit = sem.clone().acquire_owned().await.unwrap(); hs.push(tokio::spawn(async move { let _p = permit; work(i).await }));",
        );
        assert_eq!(confidence(&limited, MistakeId::UnboundedBackpressure), 0.0);
        let accepts = r#"
            #[tokio::main]
            async fn main() {
                let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                loop {
                    let (s, _) = l.accept().await.unwrap();
                    tokio::spawn(async move { drop(s) });
                }
            }
        "#;
        assert!(confidence(accepts, MistakeId::UnboundedBackpressure) < 0.7);
        // The same endless loop spawning without ever waiting is a flood.
        let floods = accepts.replace(
            "let (s, _) = l.accept().await.unwrap();",
            "let s = l.local_addr().unwrap();",
        );
        assert!(confidence(&floods, MistakeId::UnboundedBackpressure) >= 0.75);
    }
    /// `let _ = sem.acquire().await`: `_` binds nothing, the permit is
    /// dropped at once, and every task works at the same time.
    #[test]
    fn a_permit_dropped_as_soon_as_it_is_taken_limits_nothing() {
        let bad = r#"
            use std::sync::Arc;
            use tokio::sync::Semaphore;
            async fn fetch(i: u32) -> u32 { tokio::time::sleep(std::time::Duration::from_millis(5)).await; i }
            #[tokio::main]
            async fn main() {
                let sem = Arc::new(Semaphore::new(3));
                let mut hs = Vec::new();
                for i in 0..20u32 {
                    let sem = sem.clone();
                    hs.push(tokio::spawn(async move {
                        let _ = sem.acquire().await.unwrap();
                        fetch(i).await
                    }));
                }
                for h in hs { h.await.unwrap(); }
            }
        "#;
        assert!(
            confidence(bad, MistakeId::UnboundedBackpressure) >= 0.75,
            "{bad}"
        );
        assert_eq!(routes(bad), ["semaphore"]);
        let statement = bad.replace(
            "let _ = sem.acquire().await.unwrap();",
            "sem.acquire().await.unwrap();",
        );
        assert!(confidence(&statement, MistakeId::UnboundedBackpressure) >= 0.75);
        let owned = bad.replace(
            "let _ = sem.acquire().await.unwrap();",
            "let _ = sem.acquire_owned().await?;",
        );
        assert!(confidence(&owned, MistakeId::UnboundedBackpressure) >= 0.75);
        // A permit held by a named binding limits the work after it.
        let held = bad.replace("let _ = sem", "let _permit = sem");
        assert_eq!(confidence(&held, MistakeId::UnboundedBackpressure), 0.0);
    }

    #[test]
    fn a_futures_unbounded_channel_flooded_by_a_const_loop() {
        let bad = r#"
            use futures::StreamExt;
            const READINGS: u32 = 50_000;
            #[tokio::main]
            async fn main() {
                let (tx, mut rx) = futures::channel::mpsc::unbounded::<u32>();
                tokio::spawn(async move {
                    for r in 0..READINGS { tx.unbounded_send(r).unwrap(); }
                });
                while let Some(_r) = rx.next().await {}
            }
        "#;
        assert!(
            confidence(bad, MistakeId::UnboundedBackpressure) >= 0.75,
            "{bad}"
        );
        let few = bad.replace("50_000", "3");
        assert!(confidence(&few, MistakeId::UnboundedBackpressure) < 0.7);
    }

    #[test]
    fn a_producer_fn_flooding_the_unbounded_sender_it_is_given() {
        let bad = r#"
            use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};
            const FRAMES: usize = 20_000;
            async fn produce(tx: UnboundedSender<usize>) {
                for i in 0..FRAMES { tx.send(i).unwrap(); }
            }
            #[tokio::main]
            async fn main() {
                let (tx, mut rx) = unbounded_channel();
                tokio::spawn(produce(tx));
                while let Some(_f) = rx.recv().await {}
            }
        "#;
        assert!(
            confidence(bad, MistakeId::UnboundedBackpressure) >= 0.75,
            "{bad}"
        );
        assert_eq!(routes(bad), ["bounded-channel"]);
        let few = bad.replace("20_000", "4");
        assert!(confidence(&few, MistakeId::UnboundedBackpressure) < 0.7);
        let paced = bad.replace(
            "tx.send(i).unwrap();",
            "tx.send(i).unwrap(); tokio::time::sleep(std::time::Duration::from_millis(1)).await;",
        );
        assert!(confidence(&paced, MistakeId::UnboundedBackpressure) < 0.7);
    }
}
