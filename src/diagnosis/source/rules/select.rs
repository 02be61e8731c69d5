//! cancel-unsafe-select: what a `select!` in a loop loses when another branch wins.

use syn::Expr;

use crate::diagnosis::source::finders::await_finder::count_awaits_block;
use crate::diagnosis::source::knowledge::CANCEL_UNSAFE_METHODS;
use crate::diagnosis::source::syntax::peel;
use crate::diagnosis::source::walker::Walker;

impl Walker<'_> {
    /// Why racing this future in a loop loses work, if it does.
    pub(crate) fn cancel_unsafe(&self, future: &Expr) -> Option<String> {
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
    use crate::diagnosis::source::testing::top;

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
        assert_eq!(top(bad), Some("cancel-unsafe-select"));
    }
}
