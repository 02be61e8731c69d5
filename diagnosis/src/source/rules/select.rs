//! cancel-unsafe-select: what a `select!` in a loop loses when another branch wins.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::Expr;

use super::{Loop, Rule};
use crate::catalogue::MistakeId;
use crate::source::finders::await_finder::count_awaits_block;
use crate::source::finders::loop_shape::expr_exits;
use crate::source::knowledge::CANCEL_UNSAFE_METHODS;
use crate::source::syntax::{peel, pos};
use crate::source::walker::{Ctx, Walker};

/// A `select!` in a loop that races a future which loses work when dropped.
const SELECT_IN_LOOP: f32 = 0.72;
/// The same with `timeout`, which is a `select!` against a timer.
const TIMEOUT_IN_LOOP: f32 = 0.62;
/// A partial read raced by `timeout` in a loop whose timed-out round goes
/// on reading the same stream: the bytes the dropped read had taken are
/// lost for certain, and the stream is read out of step from then on.
const PARTIAL_READ_RETRIED: f32 = 0.8;

pub(super) struct Select;

impl Rule for Select {
    fn call(&self, w: &mut Walker<'_>, c: &syn::ExprCall) {
        w.timeout_in_loop(c);
    }

    fn loop_expr(&self, w: &mut Walker<'_>, l: &Loop<'_>) {
        if w.ctx() == Ctx::Async {
            w.partial_reads_retried(l.body);
        }
    }

    fn select_branch(&self, w: &mut Walker<'_>, future: &Expr) {
        if w.frame().loop_depth == 0 || w.ctx() != Ctx::Async {
            return;
        }
        if let Some(why) = w.cancel_unsafe(future) {
            w.add(
                MistakeId::CancelUnsafeSelect,
                SELECT_IN_LOOP,
                pos(future.span()),
                format!("in a loop, `select!` drops {why} whenever another branch wins, losing what it had done"),
            );
        }
    }
}

impl Walker<'_> {
    /// `timeout(d, fut)` in a loop: when the time is up, the unfinished
    /// `fut` is dropped, and the next round starts a fresh one, so whatever
    /// the dropped one had read or gathered is lost: a `select!` against a
    /// timer, written another way.
    fn timeout_in_loop(&mut self, c: &syn::ExprCall) {
        if self.frame().loop_depth == 0 || self.ctx() != Ctx::Async {
            return;
        }
        let Some(path) = self.know.resolve_call(c) else {
            return;
        };
        if !(path == "tokio::time::timeout" || path.ends_with("time::timeout")) {
            return;
        }
        let Some(future) = c.args.iter().nth(1) else {
            return;
        };
        if let Some(why) = self.cancel_unsafe(future) {
            self.add(
                MistakeId::CancelUnsafeSelect,
                TIMEOUT_IN_LOOP,
                pos(future.span()),
                format!("in a loop, `timeout` drops {why} whenever the time runs out, losing what it had done, and the next round starts over"),
            );
        }
    }

    /// `match timeout(d, r.read_exact(..)).await { .., Err(_) => .. }` in a
    /// loop, where the timed-out arm stays in the loop: the next round
    /// reads on from wherever the dropped read stopped.
    fn partial_reads_retried(&mut self, body: &syn::Block) {
        struct M<'a, 'k> {
            w: &'a Walker<'k>,
            found: Vec<(Span, String)>,
        }
        impl<'ast> Visit<'ast> for M<'_, '_> {
            fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
                if let Some((future, method)) = self.w.timed_partial_read(&m.expr) {
                    let retried = m
                        .arms
                        .iter()
                        .any(|a| is_err_pat(&a.pat) && !expr_exits(&a.body));
                    if retried {
                        self.found.push((future.span(), method));
                    }
                }
                visit::visit_expr_match(self, m);
            }
            fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
            fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut m = M {
            w: self,
            found: Vec::new(),
        };
        m.visit_block(body);
        for (span, method) in m.found {
            self.add(
                MistakeId::CancelUnsafeSelect,
                PARTIAL_READ_RETRIED,
                pos(span),
                format!("when the time runs out, `timeout` drops the unfinished `{method}` with the bytes it had read, and the next round reads on from there, out of step"),
            );
        }
    }

    /// `timeout(d, r.read_exact(..)).await`: the raced partial read.
    fn timed_partial_read<'e>(&self, e: &'e Expr) -> Option<(&'e Expr, String)> {
        let Expr::Await(a) = peel(e) else {
            return None;
        };
        let Expr::Call(c) = peel(&a.base) else {
            return None;
        };
        let path = self.know.resolve_call(c)?;
        if !path.ends_with("time::timeout") {
            return None;
        }
        let future = c.args.iter().nth(1)?;
        match peel(future) {
            Expr::MethodCall(m)
                if CANCEL_UNSAFE_METHODS.contains(&m.method.to_string().as_str()) =>
            {
                Some((future, m.method.to_string()))
            }
            _ => None,
        }
    }

    /// Why racing this future in a loop loses work, if it does.
    fn cancel_unsafe(&self, future: &Expr) -> Option<String> {
        match peel(future) {
            Expr::Reference(_) | Expr::Path(_) => None,
            Expr::Call(c) => {
                let path = self.know.resolve_call(c)?;
                let last = path.rsplit("::").next().unwrap_or("");
                if last == "timeout" {
                    return c.args.iter().nth(1).and_then(|f| self.cancel_unsafe(f));
                }
                self.know
                    .fn_is(last, |f| {
                        (f.is_async || f.returns_future) && f.cancel_unsafe
                    })
                    .then(|| format!("the unfinished `{last}(..)`"))
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                if CANCEL_UNSAFE_METHODS.contains(&name.as_str()) {
                    return Some(format!("the unfinished `{name}`"));
                }
                self.know
                    .fn_is(&name, |f| {
                        (f.is_async || f.returns_future) && f.cancel_unsafe
                    })
                    .then(|| format!("the unfinished `{name}(..)`"))
            }
            Expr::Async(a) => (count_awaits_block(&a.block) >= 2)
                .then(|| "the unfinished async block".to_string()),
            _ => None,
        }
    }
}

/// `Err(..)`: the arm a timed-out round takes.
fn is_err_pat(pat: &syn::Pat) -> bool {
    matches!(pat, syn::Pat::TupleStruct(t) if t.path.is_ident("Err"))
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{confidence, top};

    #[test]
    fn select_in_a_loop_over_a_partial_read() {
        let bad = r#"
            use tokio::io::AsyncReadExt;
            async fn run(mut r: tokio::io::DuplexStream, mut stop: tokio::sync::mpsc::Receiver<()>) {
                let mut buf = [0u8; 8];
                loop {
                    tokio::select! {
                        res = r.read_exact(&mut buf) => { res.unwrap(); }
                        _ = stop.recv() => break,
                    }
                }
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::CancelUnsafeSelect));
    }

    #[test]
    fn a_timeout_in_a_loop_over_a_two_step_read() {
        let bad = r#"
            use tokio::io::AsyncReadExt;
            async fn message(s: &mut tokio::net::TcpStream) -> std::io::Result<Vec<u8>> {
                let n = s.read_u32().await? as usize;
                let mut body = vec![0; n];
                s.read_exact(&mut body).await?;
                Ok(body)
            }
            async fn serve(mut s: tokio::net::TcpStream) {
                loop {
                    match tokio::time::timeout(std::time::Duration::from_secs(1), message(&mut s)).await {
                        Ok(m) => println!("{:?}", m),
                        Err(_) => println!("idle"),
                    }
                }
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::CancelUnsafeSelect));
        // The same future kept across rounds (`&mut fut`) loses nothing.
        let good = r#"
            use tokio::io::AsyncReadExt;
            async fn message(s: &mut tokio::net::TcpStream) -> std::io::Result<Vec<u8>> {
                let n = s.read_u32().await? as usize;
                let mut body = vec![0; n];
                s.read_exact(&mut body).await?;
                Ok(body)
            }
            async fn serve(mut s: tokio::net::TcpStream) {
                let fut = message(&mut s);
                tokio::pin!(fut);
                loop {
                    match tokio::time::timeout(std::time::Duration::from_secs(1), &mut fut).await {
                        Ok(m) => { println!("{:?}", m); break; }
                        Err(_) => println!("idle"),
                    }
                }
            }
        "#;
        assert_eq!(top(good), None);
    }

    #[test]
    fn select_in_a_loop_over_a_helper_that_gathers_a_batch() {
        let bad = r#"
            async fn gather(rx: &mut tokio::sync::mpsc::Receiver<u8>) -> Vec<u8> {
                let mut lot = Vec::new();
                while lot.len() < 8 {
                    if let Some(b) = rx.recv().await { lot.push(b) } else { break }
                }
                lot
            }
            async fn pump(mut rx: tokio::sync::mpsc::Receiver<u8>) {
                let mut beat = tokio::time::interval(std::time::Duration::from_millis(10));
                loop {
                    tokio::select! {
                        lot = gather(&mut rx) => if lot.is_empty() { break } else { println!("{lot:?}") },
                        _ = beat.tick() => println!("beat"),
                    }
                }
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::CancelUnsafeSelect));
    }

    /// A partial read raced by `timeout`, whose timed-out round reads on:
    /// sure enough to tell even when the program exits 0. When the timed
    /// out round leaves the loop, nothing is read out of step.
    #[test]
    fn a_timed_out_partial_read_that_the_loop_retries() {
        let bad = r#"
            use tokio::io::AsyncReadExt;
            use tokio::time::{timeout, Duration};
            async fn frames(mut r: tokio::io::DuplexStream) -> (u32, u32) {
                let (mut ok, mut stalls) = (0, 0);
                let mut frame = [0u8; 8];
                loop {
                    match timeout(Duration::from_millis(30), r.read_exact(&mut frame)).await {
                        Ok(Ok(_)) => ok += 1,
                        Ok(Err(_)) => break,
                        Err(_) => stalls += 1,
                    }
                }
                (ok, stalls)
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::CancelUnsafeSelect));
        assert!(confidence(bad, MistakeId::CancelUnsafeSelect) >= 0.75);
        let gives_up = bad.replace("Err(_) => stalls += 1,", "Err(_) => { stalls += 1; break }");
        assert!(confidence(&gives_up, MistakeId::CancelUnsafeSelect) < 0.75);
    }
}
