//! cancel-unsafe-select: what a `select!` in a loop loses when another branch wins.

use syn::spanned::Spanned;
use syn::Expr;

use super::Rule;
use crate::catalogue::MistakeId;
use crate::source::finders::await_finder::count_awaits_block;
use crate::source::knowledge::CANCEL_UNSAFE_METHODS;
use crate::source::syntax::{peel, pos};
use crate::source::walker::{Ctx, Walker};

/// A `select!` in a loop that races a future which loses work when dropped.
const SELECT_IN_LOOP: f32 = 0.72;
/// The same with `timeout`, which is a `select!` against a timer.
const TIMEOUT_IN_LOOP: f32 = 0.62;

pub(super) struct Select;

impl Rule for Select {
    fn call(&self, w: &mut Walker<'_>, c: &syn::ExprCall) {
        w.timeout_in_loop(c);
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

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::top;

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
}
