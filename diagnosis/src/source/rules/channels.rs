//! channel-never-closed, and a oneshot awaited while its sender is still here (deadlock).

use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Block, Expr, Pat, Stmt};

use super::Rule;
use crate::catalogue::MistakeId;
use crate::source::finders::await_finder::contains_await_stmt;
use crate::source::finders::drain_finder::{has_drain_loop, DrainFinder};
use crate::source::finders::mentions::mentions_block;
use crate::source::finders::use_finder::{Use, UseFinder};
use crate::source::knowledge::Knowledge;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, let_name, pat_idents, peel, pos, root_ident};
use crate::source::walker::{Ctx, Walker};

/// A receive loop while a sender is alive in the same scope.
const SENDER_ALIVE: f32 = 0.8;
/// A subscription drained while its sender is kept in this scope.
const SUBSCRIPTION_DRAINED: f32 = 0.75;
/// A struct draining its own receiver while holding its sender.
const STRUCT_KEEPS_SENDER: f32 = 0.75;
/// A oneshot awaited before anything sends on it (a deadlock).
const ONESHOT_NEVER_SENT: f32 = 0.72;

pub(super) struct Channels;

impl Rule for Channels {
    fn impl_block(&self, w: &mut Walker<'_>, i: &syn::ItemImpl) {
        w.struct_keeps_its_sender(i);
    }

    fn statement(&self, w: &mut Walker<'_>, stmt: &Stmt, rest: &[Stmt]) {
        if let Some(pair) = ChannelPair::of(stmt, w.know) {
            w.sender_alive_at_the_drain(&pair, rest);
        }
    }

    fn block(&self, w: &mut Walker<'_>, stmts: &[Stmt]) {
        if w.ctx() == Ctx::Async {
            w.subscribed_drain(stmts);
        }
    }
}

/// `let (tx, rx) = ..channel(..);`: a channel made, its two ends named.
pub(super) struct ChannelPair<'a> {
    /// The constructor, as resolved through the `use`s.
    pub(super) path: String,
    pub(super) tx: String,
    pub(super) rx: String,
    pub(super) call: &'a syn::ExprCall,
}

impl<'a> ChannelPair<'a> {
    /// The channel this statement makes (not a `watch`, whose receiver does
    /// not wait for the senders to go).
    pub(super) fn of(stmt: &'a Stmt, know: &Knowledge) -> Option<ChannelPair<'a>> {
        let Stmt::Local(l) = stmt else { return None };
        let (Pat::Tuple(t), Some(init)) = (&l.pat, &l.init) else {
            return None;
        };
        let Expr::Call(call) = peel(&init.expr) else {
            return None;
        };
        let path = know.resolve_call(call)?;
        if t.elems.len() != 2 {
            return None;
        }
        let (mut txs, mut rxs) = (Vec::new(), Vec::new());
        pat_idents(&t.elems[0], &mut txs);
        pat_idents(&t.elems[1], &mut rxs);
        let (tx, rx) = (txs.pop()?, rxs.pop()?);
        let is_channel = path.ends_with("channel")
            || path.ends_with("unbounded")
            || path.ends_with("sync_channel");
        if !is_channel || path.contains("watch") {
            return None;
        }
        Some(ChannelPair { path, tx, rx, call })
    }
}

impl Walker<'_> {
    /// `let h = spawn(drain(owner.tx.subscribe()))` then `h.await` (or
    /// `drain(tx.subscribe()).await`): a broadcast receiver is drained until
    /// its channel closes, while the sender it was made from is still kept
    /// by `owner` in this scope, so the loop never ends.
    fn subscribed_drain(&mut self, stmts: &[Stmt]) {
        for (i, stmt) in stmts.iter().enumerate() {
            let Some(owner) = drained_subscription(stmt, self.know) else {
                continue;
            };
            let waited = if contains_await_stmt(stmt) {
                Some((i, pos(stmt.span())))
            } else if let Stmt::Local(l) = stmt {
                let_name(l).and_then(|h| {
                    stmts.iter().enumerate().skip(i + 1).find_map(|(k, s)| {
                        let mut f = UseFinder::new(&h, self.know);
                        f.visit_stmt(s);
                        f.uses
                            .iter()
                            .find(|u| u.0 == Use::Awaited)
                            .map(|(_, line)| (k, (*line, 1)))
                    })
                })
            } else {
                None
            };
            let Some((j, at)) = waited else { continue };
            let released = stmts[i + 1..j].iter().any(|s| {
                let mut f = UseFinder::new(&owner, self.know);
                f.visit_stmt(s);
                f.uses.iter().any(|u| u.0.moves())
            });
            if !released && owner != "self" {
                self.add(
                    MistakeId::ChannelNeverClosed,
                    SUBSCRIPTION_DRAINED,
                    at,
                    format!("this waits for a loop that reads a subscription until its channel closes, but the sender it was made from is still kept by `{owner}` here, so it never does"),
                );
            }
        }
    }

    /// Is a sender of this channel still alive where its receiver is
    /// drained (or, for a oneshot, awaited)?
    fn sender_alive_at_the_drain(&mut self, pair: &ChannelPair<'_>, rest: &[Stmt]) {
        let ChannelPair { path, tx, rx, .. } = pair;
        let oneshot = path.contains("oneshot");
        // Where is the receiver drained (or, for a oneshot, awaited)?
        for (j, stmt) in rest.iter().enumerate() {
            let wait = if oneshot {
                oneshot_wait(stmt, rx, rest, j, self.know).map(|at| (at, j))
            } else {
                drain_point(stmt, rx, rest, j, self.know)
            };
            let Some((at, waits_at)) = wait else { continue };
            // Where the receiver is drained in this statement, a sender
            // given away before it is gone; where a task drains it, one
            // given away before its handle is awaited.
            let mut before = UseFinder::new(tx, self.know);
            before.stmts(&rest[..waits_at]);
            let moved = before.uses.iter().any(|u| u.0.moves());
            let sent = before
                .uses
                .iter()
                .any(|u| matches!(&u.0, Use::Method(m, _) if m == "send"));
            if moved {
                return;
            }
            if oneshot {
                if !sent {
                    let mut after = UseFinder::new(tx, self.know);
                    after.stmts(&rest[j..]);
                    let later = if after
                        .uses
                        .iter()
                        .any(|u| matches!(&u.0, Use::Method(m, _) if m == "send"))
                    {
                        "it is only sent after the wait"
                    } else {
                        "nothing ever sends on it"
                    };
                    self.add(
                        MistakeId::Deadlock,
                        ONESHOT_NEVER_SENT,
                        at,
                        format!("this waits for the oneshot `{rx}`, but its sender `{tx}` is still here and {later}"),
                    );
                }
            } else {
                self.add(
                    MistakeId::ChannelNeverClosed,
                    SENDER_ALIVE,
                    at,
                    format!("this loop waits for `{rx}` to close, but the sender `{tx}` is still alive in this scope, so it never does"),
                );
            }
            return;
        }
    }
}

impl Walker<'_> {
    /// A method of a struct that keeps both ends of a channel drains
    /// `self.rx` while `self.tx` is still alive in `self`: the loop can only
    /// end when every sender is gone, and one of them is in the very value
    /// it runs on.
    fn struct_keeps_its_sender(&mut self, i: &syn::ItemImpl) {
        let syn::Type::Path(t) = &*i.self_ty else {
            return;
        };
        let Some(name) = t.path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        let Some((txs, rxs)) = self.know.channel_structs.get(&name) else {
            return;
        };
        for item in &i.items {
            let syn::ImplItem::Fn(f) = item else { continue };
            if f.sig.asyncness.is_none() || f.sig.receiver().is_none() {
                continue;
            }
            let m = mentions_block(&f.block);
            if txs
                .iter()
                .any(|tx| m.idents.contains(tx) || m.methods.contains(tx))
                || has_exit(&f.block)
            {
                continue; // the sender is handled here, or the loop can end another way
            }
            for rx in rxs {
                // `self.rx`, or the name `let Collector { rx, .. } = self;`
                // moves it to: the fields left in `..` live on in `self`.
                let place = format!("self.{rx}");
                let moved_out = moved_out_of_self(&f.block, rx);
                for (drained, how) in [(Some(place.clone()), "as long as `self` is"), (moved_out, "in `self` after the `..` of the `let` that took the receiver, until the end of the fn")] {
                    let Some(drained) = drained else { continue };
                    let mut finder = DrainFinder {
                        name: Some(&drained),
                        found: None,
                    };
                    finder.visit_block(&f.block);
                    if let Some(at) = finder.found {
                        self.add(
                            MistakeId::ChannelNeverClosed,
                            STRUCT_KEEPS_SENDER,
                            at,
                            format!(
                                "this loop waits for `{drained}` to close, but `self.{}` is a sender of the same channel, alive {how}, so it never does",
                                txs[0]
                            ),
                        );
                        return;
                    }
                }
            }
        }
    }
}

/// The name `let Collector { rx, .. } = self;` (or `{ rx: inbox, .. }`)
/// gives the field `rx`, when the pattern leaves the other fields in `..`.
fn moved_out_of_self(b: &Block, rx: &str) -> Option<String> {
    b.stmts.iter().find_map(|stmt| {
        let syn::Stmt::Local(local) = stmt else {
            return None;
        };
        let syn::Pat::Struct(pattern) = &local.pat else {
            return None;
        };
        let from_self = local
            .init
            .as_ref()
            .and_then(|init| ident_of(&init.expr))
            .is_some_and(|name| name == "self");
        if !from_self || pattern.rest.is_none() {
            return None;
        }
        pattern
            .fields
            .iter()
            .find_map(|field| match (&field.member, &*field.pat) {
                (syn::Member::Named(member), syn::Pat::Ident(bound)) if member == rx => {
                    Some(bound.ident.to_string())
                }
                _ => None,
            })
    })
}

/// Can this code leave a loop other than by its end: `break`, `return`, `?`?
fn has_exit(b: &Block) -> bool {
    struct X(bool);
    impl<'ast> syn::visit::Visit<'ast> for X {
        fn visit_expr_break(&mut self, _: &'ast syn::ExprBreak) {
            self.0 = true;
        }
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        fn visit_expr_try(&mut self, _: &'ast syn::ExprTry) {
            self.0 = true;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for e in macro_exprs(m) {
                syn::visit::Visit::visit_expr(self, &e);
            }
        }
    }
    let mut x = X(false);
    syn::visit::Visit::visit_block(&mut x, b);
    x.0
}

/// Where a statement waits for the oneshot `rx`: `rx.await`, or the handle
/// of a task that awaits it.
fn oneshot_wait(
    stmt: &Stmt,
    rx: &str,
    rest: &[Stmt],
    j: usize,
    know: &Knowledge,
) -> Option<(usize, usize)> {
    let mut f = UseFinder::new(rx, know);
    f.visit_stmt(stmt);
    if let Some((_, line)) = f.uses.iter().find(|u| u.0 == Use::Awaited) {
        return Some((*line, 1));
    }
    // `let h = spawn(async move { rx.await .. })` then `h.await`
    if f.uses.iter().any(|u| u.0 == Use::Captured) {
        if let Stmt::Local(l) = stmt {
            if let Some(h) = let_name(l) {
                let mut later = UseFinder::new(&h, know);
                later.stmts(&rest[j + 1..]);
                if let Some((_, line)) = later.uses.iter().find(|u| u.0 == Use::Awaited) {
                    return Some((*line, 1));
                }
            }
        }
    }
    None
}

/// `drain(x.subscribe())`, maybe spawned: the local fn `drain` reads the
/// new receiver until the channel closes. Gives the name that keeps the
/// sender (`x`, or the root of `owner.tx`).
fn drained_subscription(stmt: &Stmt, know: &Knowledge) -> Option<String> {
    struct Finder<'k> {
        know: &'k Knowledge,
        owner: Option<String>,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            if let Expr::Path(p) = peel(&c.func) {
                let last = p.path.segments.last().map(|s| s.ident.to_string());
                if last.is_some_and(|f| self.know.fn_is(&f, |f| f.drains)) {
                    for a in &c.args {
                        if let Expr::MethodCall(m) = peel(a) {
                            if m.method == "subscribe" && m.args.is_empty() {
                                self.owner = self.owner.take().or(root_ident(&m.receiver));
                            }
                        }
                    }
                }
            }
            syn::visit::visit_expr_call(self, c);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut f = Finder { know, owner: None };
    f.visit_stmt(stmt);
    f.owner
}

/// Where a statement waits for the receiver `rx` to be drained: a receive
/// loop right here, a local fn that drains it, or a task that drains it and
/// whose handle is awaited later. Gives the place, and the index in `rest`
/// of the statement that waits (a sender must be gone before it).
fn drain_point(
    stmt: &Stmt,
    rx: &str,
    rest: &[Stmt],
    j: usize,
    know: &Knowledge,
) -> Option<((usize, usize), usize)> {
    let block = Block {
        brace_token: Default::default(),
        stmts: vec![stmt.clone()],
    };
    let mut d = DrainFinder {
        name: Some(rx),
        found: None,
    };
    d.visit_block(&block);
    if let Some(at) = d.found {
        return Some((at, j));
    }
    // The first statement after `j` that awaits (or passes on) the handle `h`.
    let awaited_later = |h: &str, also_passed: bool| {
        rest.iter().enumerate().skip(j + 1).find_map(|(k, s)| {
            let mut later = UseFinder::new(h, know);
            later.visit_stmt(s);
            later
                .uses
                .iter()
                .find(|u| u.0 == Use::Awaited || (also_passed && matches!(u.0, Use::Arg(_))))
                .map(|(_, line)| ((*line, 1), k))
        })
    };
    let mut f = UseFinder::new(rx, know);
    f.visit_stmt(stmt);
    for (u, line) in &f.uses {
        if let Use::Arg(callee) = u {
            let last = callee.rsplit("::").next().unwrap_or("");
            if know.fn_is(last, |f| f.drains) {
                let awaited = contains_await_stmt(stmt);
                if awaited {
                    return Some(((*line, 1), j));
                }
                if let Stmt::Local(l) = stmt {
                    if let Some(h) = let_name(l) {
                        if let Some(found) = awaited_later(&h, false) {
                            return Some(found);
                        }
                    }
                }
            }
        }
        if *u == Use::Captured {
            // A task that drains the receiver, awaited later.
            let drains = stmt_async_blocks(stmt)
                .iter()
                .any(|b| has_drain_loop(b, Some(rx)));
            if drains {
                if let Stmt::Local(l) = stmt {
                    if let Some(h) = let_name(l) {
                        if let Some(found) = awaited_later(&h, true) {
                            return Some(found);
                        }
                    }
                }
            }
        }
    }
    None
}

fn stmt_async_blocks(s: &Stmt) -> Vec<Block> {
    struct A(Vec<Block>);
    impl<'ast> Visit<'ast> for A {
        fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
            self.0.push(a.block.clone());
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
    }
    let mut a = A(Vec::new());
    a.visit_stmt(s);
    a.0
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{ids, top};

    #[test]
    fn a_subscription_drained_while_its_sender_is_kept() {
        let bad = r#"
            use tokio::sync::broadcast;
            struct Hub { out: broadcast::Sender<u32> }
            async fn total(mut rx: broadcast::Receiver<u32>) -> u32 {
                let mut t = 0;
                while let Ok(v) = rx.recv().await { t += v; }
                t
            }
            #[tokio::main]
            async fn main() {
                let (out, _) = broadcast::channel(8);
                let hub = Hub { out };
                let sum = tokio::spawn(total(hub.out.subscribe()));
                let _ = hub.out.send(3);
                println!("{}", sum.await.unwrap());
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::ChannelNeverClosed));
        let fine = bad.replace(
            "let _ = hub.out.send(3);",
            "let _ = hub.out.send(3);\n drop(hub);",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    /// A oneshot's sender kept here while its receiver is awaited is a
    /// deadlock; one moved into a message (a tuple, a struct) that goes to
    /// whoever answers is not "never sent": it is sent elsewhere.
    #[test]
    fn a_oneshot_sender_moved_into_a_message_is_sent_elsewhere() {
        let bad = r#"
            use tokio::sync::{mpsc, oneshot};
            async fn ask(desk: &mpsc::Sender<u64>, n: u64) -> u64 {
                let (reply, answer) = oneshot::channel::<u64>();
                desk.send(n).await.unwrap();
                answer.await.unwrap()
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::Deadlock));
        let in_a_tuple = bad
            .replace(
                "mpsc::Sender<u64>",
                "mpsc::Sender<(u64, oneshot::Sender<u64>)>",
            )
            .replace("desk.send(n)", "desk.send((n, reply))");
        assert!(ids(&in_a_tuple).is_empty(), "{:?}", ids(&in_a_tuple));
        let in_a_struct = bad
            .replace("mpsc::Sender<u64>", "mpsc::Sender<Ask>")
            .replace("desk.send(n)", "desk.send(Ask { n, reply })");
        assert!(ids(&in_a_struct).is_empty(), "{:?}", ids(&in_a_struct));
        // Only a reference to it in the message keeps it here.
        let borrowed = bad.replace("desk.send(n)", "desk.send((n, &reply).0)");
        assert_eq!(top(&borrowed), Some(MistakeId::Deadlock));
    }

    #[test]
    fn sender_alive_at_the_receiver_loop() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                let (tx, mut rx) = tokio::sync::mpsc::channel(8);
                for i in 0..3 {
                    let tx = tx.clone();
                    tokio::spawn(async move { tx.send(i).await.unwrap(); });
                }
                while let Some(v) = rx.recv().await { println!("{v}"); }
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::ChannelNeverClosed));
        let fine = bad.replace("while let", "drop(tx);\n while let");
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    /// A task drains the receiver and its handle is awaited later: the
    /// sender must be gone by the await, not by the spawn.
    #[test]
    fn a_draining_task_awaited_after_the_sender_is_dropped() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
                let kitchen = tokio::spawn(async move {
                    let mut n = 0;
                    while let Some(v) = rx.recv().await { n += v; }
                    n
                });
                for i in 0..3u32 { tx.send(i).unwrap(); }
                println!("{}", kitchen.await.unwrap());
            }
        "#;
        assert!(
            ids(bad).contains(&MistakeId::ChannelNeverClosed),
            "{:?}",
            ids(bad)
        );
        let fine = bad.replace(
            "println!(\"{}\", kitchen",
            "drop(tx);\n println!(\"{}\", kitchen",
        );
        assert_ne!(fine, bad);
        assert!(
            !ids(&fine).contains(&MistakeId::ChannelNeverClosed),
            "{:?}",
            ids(&fine)
        );
    }

    #[test]
    fn a_struct_drains_its_own_receiver_while_holding_its_sender() {
        let bad = r#"
            use tokio::sync::mpsc;
            struct Hub { inbox: mpsc::Receiver<u32>, outbox: mpsc::Sender<u32> }
            impl Hub {
                fn handle(&self) -> mpsc::Sender<u32> { self.outbox.clone() }
                async fn run(&mut self) -> u32 {
                    let mut sum = 0;
                    while let Some(v) = self.inbox.recv().await { sum += v; }
                    sum
                }
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::ChannelNeverClosed));
        // Taking the struct apart and dropping the sender first is the fix.
        let fine = bad.replace(
            "async fn run(&mut self) -> u32 {\n                    let mut sum = 0;\n                    while let Some(v) = self.inbox.recv().await { sum += v; }",
            "async fn run(self) -> u32 {\n                    let Hub { mut inbox, outbox } = self;\n                    drop(outbox);\n                    let mut sum = 0;\n                    while let Some(v) = inbox.recv().await { sum += v; }",
        );
        assert_ne!(fine, bad);
        assert_eq!(top(&fine), None);
        // Taking only the receiver, the sender left in `..`: it lives on in
        // `self` until the end of the fn.
        let left_in_rest = fine.replace(
            "let Hub { mut inbox, outbox } = self;\n                    drop(outbox);",
            "let Hub { mut inbox, .. } = self;",
        );
        assert_ne!(left_in_rest, fine);
        assert_eq!(top(&left_in_rest), Some(MistakeId::ChannelNeverClosed));
        let renamed = left_in_rest
            .replace(
                "let Hub { mut inbox, .. }",
                "let Hub { inbox: mut letters, .. }",
            )
            .replace("inbox.recv()", "letters.recv()");
        assert_eq!(top(&renamed), Some(MistakeId::ChannelNeverClosed));
    }
}
