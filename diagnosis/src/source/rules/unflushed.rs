//! unflushed-on-exit: a loop that writes a buffer in batches, and a way
//! out of it that leaves the last, partial batch in the buffer.
//!
//! The shape: `let mut batch = ..;` before a loop whose body both adds to
//! `batch` (`push`, `insert`, `extend`...) and writes it out (hands it to a
//! call: `write(&mut disk, mem::take(&mut batch))`, `tx.send(batch.clone())`,
//! or `batch.drain(..)`). Then a way out that does not write it first:
//! - a `return` inside the loop, with no write of `batch` on its way (the
//!   statements before it in the round, or the returned value);
//! - a `break`, or the end of a `while`/`for` loop (its input is over), when
//!   nothing after the loop writes `batch` either.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, Stmt};

use super::Rule;
use crate::catalogue::MistakeId;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, peel, pos};
use crate::source::walker::{Ctx, Walker};

// The shape is specific (a buffer both filled and written in the loop,
// left behind on the way out), and the loss is quiet: the program exits 0,
// so these are high enough to be told when it passes.
/// A `return` inside the loop that leaves the batch unwritten.
const RETURN_WITHOUT_FLUSH: f32 = 0.74;
/// A `break`, with nothing after the loop that writes the batch.
const BREAK_WITHOUT_FLUSH: f32 = 0.72;
/// A `while`/`for` loop whose input ends, with nothing after it that
/// writes the batch.
const END_WITHOUT_FLUSH: f32 = 0.7;

/// Methods that add to a buffer.
const ADDING: &[&str] = &[
    "push",
    "push_back",
    "push_front",
    "push_str",
    "insert",
    "extend",
    "extend_from_slice",
    "append",
    "entry",
];

/// Methods of the buffer that only look at it. Any other method of it
/// (`drain`, `clear`, `join`, `iter`, `clone`...) takes or reads its items
/// out, to be written.
const LOOKING: &[&str] = &[
    "len",
    "is_empty",
    "capacity",
    "contains",
    "contains_key",
    "get",
    "first",
    "last",
    "reserve",
];

pub(super) struct Unflushed;

impl Rule for Unflushed {
    fn block(&self, w: &mut Walker<'_>, stmts: &[Stmt]) {
        if w.ctx() != Ctx::Async {
            return;
        }
        for (i, stmt) in stmts.iter().enumerate() {
            let Some(l) = loop_of(stmt) else {
                continue;
            };
            for buffer in buffers_before(&stmts[..i]) {
                if !(adds_to(l.body, &buffer) && block_writes(l.body, &buffer)) {
                    continue;
                }
                let after_writes = stmts[i + 1..].iter().any(|s| stmt_writes(s, &buffer));
                for (span, how) in exits_without_write(l.body, &buffer) {
                    let (confidence, message) = match how {
                        Exit::Return => (
                            RETURN_WITHOUT_FLUSH,
                            format!("this `return` leaves the loop with `{buffer}` still holding what was accepted since the last write: that last batch is lost"),
                        ),
                        Exit::Break if !after_writes => (
                            BREAK_WITHOUT_FLUSH,
                            format!("this `break` leaves the loop, and nothing after it writes what is left in `{buffer}`: that last batch is lost"),
                        ),
                        Exit::Break => continue,
                    };
                    w.add(MistakeId::UnflushedOnExit, confidence, pos(span), message);
                }
                if l.ends_by_itself && !after_writes {
                    w.add(
                        MistakeId::UnflushedOnExit,
                        END_WITHOUT_FLUSH,
                        pos(l.span),
                        format!("when this loop's input ends, nothing after it writes what is left in `{buffer}`: that last batch is lost"),
                    );
                }
            }
        }
    }
}

/// A loop statement: its body, and whether it can end without a `break`.
struct LoopStmt<'a> {
    body: &'a Block,
    ends_by_itself: bool,
    span: Span,
}

fn loop_of(stmt: &Stmt) -> Option<LoopStmt<'_>> {
    let e = match stmt {
        Stmt::Expr(e, _) => e,
        _ => return None,
    };
    match peel(e) {
        Expr::Loop(l) if l.label.is_none() => Some(LoopStmt {
            body: &l.body,
            ends_by_itself: false,
            span: l.loop_token.span,
        }),
        Expr::While(l) if l.label.is_none() => Some(LoopStmt {
            body: &l.body,
            ends_by_itself: true,
            span: l.while_token.span,
        }),
        Expr::ForLoop(l) if l.label.is_none() => Some(LoopStmt {
            body: &l.body,
            ends_by_itself: true,
            span: l.for_token.span,
        }),
        _ => None,
    }
}

/// The names bound `mut` by the `let`s among `stmts` (`let mut batch`,
/// `let (mut disk, mut batch)`): buffers, maybe.
fn buffers_before(stmts: &[Stmt]) -> Vec<String> {
    fn mutable(pat: &syn::Pat, out: &mut Vec<String>) {
        match pat {
            syn::Pat::Ident(p) if p.mutability.is_some() => out.push(p.ident.to_string()),
            syn::Pat::Type(t) => mutable(&t.pat, out),
            syn::Pat::Tuple(t) => t.elems.iter().for_each(|p| mutable(p, out)),
            _ => {}
        }
    }
    let mut names = Vec::new();
    for stmt in stmts {
        if let Stmt::Local(local) = stmt {
            mutable(&local.pat, &mut names);
        }
    }
    names
}

/// Does `body` add to `buffer` (`buffer.push(..)` and the like)?
fn adds_to(body: &Block, buffer: &str) -> bool {
    struct Adds<'b> {
        buffer: &'b str,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Adds<'_> {
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if ADDING.contains(&m.method.to_string().as_str())
                && ident_of(&m.receiver).as_deref() == Some(self.buffer)
            {
                self.found = true;
            }
            visit::visit_expr_method_call(self, m);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut a = Adds {
        buffer,
        found: false,
    };
    a.visit_block(body);
    a.found
}

/// Does this code write `buffer` out: hand it (or a part, a clone, a
/// `&mut` to it) to a call, or take or read its items (`drain`, `clear`,
/// `join`...)?
struct Writes<'b> {
    buffer: &'b str,
    found: bool,
}

impl<'ast> Visit<'ast> for Writes<'_> {
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if c.args.iter().any(|a| mentions(a, self.buffer)) {
            self.found = true;
        }
        visit::visit_expr_call(self, c);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let on_buffer = ident_of(&m.receiver).as_deref() == Some(self.buffer);
        let method = m.method.to_string();
        let taken =
            on_buffer && !ADDING.contains(&method.as_str()) && !LOOKING.contains(&method.as_str());
        if taken || (!on_buffer && m.args.iter().any(|a| mentions(a, self.buffer))) {
            self.found = true;
        }
        visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
        // Returned: the caller has the rest.
        if r.expr.as_deref().is_some_and(|e| mentions(e, self.buffer)) {
            self.found = true;
        }
        visit::visit_expr_return(self, r);
    }
    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        // `for item in batch`, `for item in &batch`: written item by item.
        if mentions(&f.expr, self.buffer) {
            self.found = true;
        }
        visit::visit_expr_for_loop(self, f);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

impl Writes<'_> {
    /// Whether `walk` meets a write of `buffer`.
    fn seen(buffer: &str, walk: impl FnOnce(&mut Writes<'_>)) -> bool {
        let mut w = Writes {
            buffer,
            found: false,
        };
        walk(&mut w);
        w.found
    }
}

fn block_writes(block: &Block, buffer: &str) -> bool {
    Writes::seen(buffer, |w| w.visit_block(block))
}

fn stmt_writes(stmt: &Stmt, buffer: &str) -> bool {
    Writes::seen(buffer, |w| w.visit_stmt(stmt)) || stmt_is_buffer(stmt, buffer)
}

fn expr_writes(e: &Expr, buffer: &str) -> bool {
    Writes::seen(buffer, |w| w.visit_expr(e))
}

/// A block's value that is the buffer, or holds it (`batch`, `(n, batch)`):
/// handed to the caller.
fn stmt_is_buffer(stmt: &Stmt, buffer: &str) -> bool {
    match stmt {
        Stmt::Expr(e, None) => {
            matches!(
                peel(e),
                Expr::Path(_) | Expr::Tuple(_) | Expr::Struct(_) | Expr::Array(_)
            ) && mentions(e, buffer)
        }
        _ => false,
    }
}

/// Does `e` name `buffer` for its items (`batch`, `&mut batch`,
/// `batch.clone()`), not only to look at it (`batch.len()`,
/// `accounts.get(&key)`: an actor's state read for a reply is no write)?
fn mentions(e: &Expr, buffer: &str) -> bool {
    struct Names<'b> {
        buffer: &'b str,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Names<'_> {
        fn visit_path(&mut self, p: &'ast syn::Path) {
            if p.segments.len() == 1 && p.segments[0].ident == self.buffer {
                self.found = true;
            }
            visit::visit_path(self, p);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            let looking = LOOKING.contains(&m.method.to_string().as_str())
                && ident_of(&m.receiver).as_deref() == Some(self.buffer);
            if looking {
                m.args.iter().for_each(|a| self.visit_expr(a));
            } else {
                visit::visit_expr_method_call(self, m);
            }
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
    }
    let mut n = Names {
        buffer,
        found: false,
    };
    n.visit_expr(e);
    n.found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    Return,
    /// A `break` of this loop (not of a loop inside it).
    Break,
}

/// The `return`s and `break`s of a loop body that are reached with no
/// write of `buffer` on the way: none in the statements before them, in
/// each block they are in, and none in the returned value.
fn exits_without_write(body: &Block, buffer: &str) -> Vec<(Span, Exit)> {
    struct Exits<'b> {
        buffer: &'b str,
        /// How many loops inside the body we are in: their `break`s are
        /// theirs.
        inner_loops: usize,
        found: Vec<(Span, Exit)>,
    }
    impl<'ast> Visit<'ast> for Exits<'_> {
        fn visit_block(&mut self, b: &'ast Block) {
            for stmt in &b.stmts {
                self.visit_stmt(stmt);
                if stmt_writes(stmt, self.buffer) {
                    // Written here: the exits after it in this block
                    // (and in blocks around it) leave nothing behind.
                    return;
                }
            }
        }
        // `if tx.send(batch.clone()).is_err() { return; }`: the way out
        // comes after a write was tried (and failed: nowhere to write).
        fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
            if !expr_writes(&i.cond, self.buffer) {
                visit::visit_expr_if(self, i);
            }
        }
        fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
            if !expr_writes(&m.expr, self.buffer) {
                visit::visit_expr_match(self, m);
            }
        }
        fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
            let returned = r
                .expr
                .as_deref()
                .is_some_and(|e| expr_writes(e, self.buffer) || mentions(e, self.buffer));
            if !returned {
                self.found.push((r.span(), Exit::Return));
            }
        }
        fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
            if self.inner_loops == 0 && b.label.is_none() {
                self.found.push((b.span(), Exit::Break));
            }
        }
        fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
            self.inner_loops += 1;
            visit::visit_expr_loop(self, l);
            self.inner_loops -= 1;
        }
        fn visit_expr_while(&mut self, l: &'ast syn::ExprWhile) {
            self.inner_loops += 1;
            visit::visit_expr_while(self, l);
            self.inner_loops -= 1;
        }
        fn visit_expr_for_loop(&mut self, l: &'ast syn::ExprForLoop) {
            self.inner_loops += 1;
            visit::visit_expr_for_loop(self, l);
            self.inner_loops -= 1;
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            // `select!` branches, and the expressions of other macros.
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
        // A `return` in these returns from them, not from the loop's fn.
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut x = Exits {
        buffer,
        inner_loops: 0,
        found: Vec::new(),
    };
    x.visit_block(body);
    x.found
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{lines, top};

    const SHUTDOWN_RETURNS: &str = r#"
        use tokio::sync::{mpsc, watch};
        async fn write(disk: &mut Vec<String>, batch: Vec<String>) { disk.extend(batch); }
        async fn logger(mut lines: mpsc::Receiver<String>, mut closing: watch::Receiver<bool>) -> Vec<String> {
            let mut disk = Vec::new();
            let mut batch = Vec::new();
            loop {
                tokio::select! {
                    Some(line) = lines.recv() => {
                        batch.push(line);
                        if batch.len() == 3 {
                            write(&mut disk, std::mem::take(&mut batch)).await;
                        }
                    }
                    _ = closing.changed() => return disk,
                }
            }
        }
        fn main() {}
    "#;

    #[test]
    fn a_shutdown_branch_that_returns_with_a_partial_batch() {
        assert_eq!(top(SHUTDOWN_RETURNS), Some(MistakeId::UnflushedOnExit));
        assert_eq!(
            lines(SHUTDOWN_RETURNS, MistakeId::UnflushedOnExit),
            vec![15]
        );
    }

    #[test]
    fn buffers_bound_together_in_a_tuple() {
        let together = SHUTDOWN_RETURNS.replace(
            "let mut disk = Vec::new();\n            let mut batch = Vec::new();",
            "let (mut disk, mut batch) = (Vec::new(), Vec::new());",
        );
        assert_ne!(together, SHUTDOWN_RETURNS);
        assert_eq!(lines(&together, MistakeId::UnflushedOnExit), vec![14]);
    }

    #[test]
    fn flushed_before_the_return_is_not_a_mistake() {
        let fixed = SHUTDOWN_RETURNS.replace(
            "_ = closing.changed() => return disk,",
            "_ = closing.changed() => { if !batch.is_empty() { write(&mut disk, batch).await; } return disk; }",
        );
        assert_eq!(
            lines(&fixed, MistakeId::UnflushedOnExit),
            Vec::<usize>::new()
        );
    }

    const INPUT_ENDS: &str = r#"
        async fn insert_rows(rows: Vec<u32>) {}
        async fn importer(mut rx: tokio::sync::mpsc::Receiver<u32>) {
            let mut pending = Vec::with_capacity(100);
            while let Some(row) = rx.recv().await {
                pending.push(row);
                if pending.len() >= 100 {
                    insert_rows(pending.drain(..).collect()).await;
                }
            }
            println!("import done");
        }
        fn main() {}
    "#;

    #[test]
    fn an_actors_state_read_for_its_replies_is_no_batch() {
        let src = r#"
            use std::collections::HashMap;
            use tokio::sync::{mpsc, oneshot};
            enum Msg { Put(String, i64), Get(String, oneshot::Sender<i64>), Count(oneshot::Sender<usize>) }
            async fn store(mut inbox: mpsc::Receiver<Msg>) {
                let mut values = HashMap::new();
                while let Some(msg) = inbox.recv().await {
                    match msg {
                        Msg::Put(k, v) => { values.insert(k, v); }
                        Msg::Get(k, reply) => { let _ = reply.send(*values.get(&k).unwrap_or(&0)); }
                        Msg::Count(reply) => { let _ = reply.send(values.len()); }
                    }
                }
            }
            fn main() {}
        "#;
        assert_eq!(lines(src, MistakeId::UnflushedOnExit), Vec::<usize>::new());
        // Handing the whole state on in the loop makes it a batch.
        let handed_on = src.replace(
            "let _ = reply.send(values.len());",
            "let _ = reply.send(values.len()); persist(values.clone()).await;",
        );
        assert_eq!(lines(&handed_on, MistakeId::UnflushedOnExit), vec![7]);
    }

    #[test]
    fn leaving_when_a_write_fails_is_not_a_mistake() {
        let src = r#"
            async fn ship(mut rx: tokio::sync::mpsc::Receiver<String>, up: tokio::sync::mpsc::UnboundedSender<String>) {
                let mut chunk = String::new();
                while let Some(line) = rx.recv().await {
                    chunk.push_str(&line);
                    if chunk.len() > 64 {
                        if up.send(chunk.clone()).is_err() {
                            return;
                        }
                        chunk.clear();
                    }
                }
                let _ = up.send(chunk);
            }
            fn main() {}
        "#;
        assert_eq!(lines(src, MistakeId::UnflushedOnExit), Vec::<usize>::new());
        let unflushed = src.replace("let _ = up.send(chunk);", "");
        assert_eq!(lines(&unflushed, MistakeId::UnflushedOnExit), vec![4]);
    }

    #[test]
    fn a_while_loop_whose_input_ends_with_rows_pending() {
        assert_eq!(top(INPUT_ENDS), Some(MistakeId::UnflushedOnExit));
        assert_eq!(lines(INPUT_ENDS, MistakeId::UnflushedOnExit), vec![5]);
        let fixed = INPUT_ENDS.replace(
            "println!(\"import done\");",
            "insert_rows(pending).await; println!(\"import done\");",
        );
        assert_eq!(
            lines(&fixed, MistakeId::UnflushedOnExit),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn a_break_with_a_flush_after_the_loop_and_a_collected_result_are_not_mistakes() {
        let flushed_after = r#"
            async fn send(batch: Vec<u8>) {}
            async fn run(mut rx: tokio::sync::mpsc::Receiver<Option<u8>>) {
                let mut batch = Vec::new();
                loop {
                    match rx.recv().await {
                        Some(Some(b)) => batch.push(b),
                        _ => break,
                    }
                    if batch.len() > 8 { send(std::mem::take(&mut batch)).await; }
                }
                send(batch).await;
            }
            fn main() {}
        "#;
        assert_eq!(
            lines(flushed_after, MistakeId::UnflushedOnExit),
            Vec::<usize>::new()
        );
        let unflushed = flushed_after.replace("send(batch).await;", "");
        assert_eq!(lines(&unflushed, MistakeId::UnflushedOnExit), vec![8]);
        // Read out into a value that is written: `join`, then the write.
        let joined = flushed_after.replace(
            "send(batch).await;",
            "let last = batch.join(&0); send(last).await;",
        );
        assert_eq!(
            lines(&joined, MistakeId::UnflushedOnExit),
            Vec::<usize>::new()
        );
        // Results gathered and returned: nothing is written in the loop.
        let collected = r#"
            async fn gather(mut rx: tokio::sync::mpsc::Receiver<u8>) -> Vec<u8> {
                let mut all = Vec::new();
                while let Some(b) = rx.recv().await {
                    all.push(b);
                    if all.len() > 100 { return all; }
                }
                all
            }
            fn main() {}
        "#;
        assert_eq!(
            lines(collected, MistakeId::UnflushedOnExit),
            Vec::<usize>::new()
        );
    }
}
