//! lost-wakeup: a `poll` that returns `Pending` with nothing arranged to wake it.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{ImplItemFn, Pat};

use crate::diagnosis::source::finders::mentions::mentions_block;
use crate::diagnosis::source::macros::macro_exprs;
use crate::diagnosis::source::syntax::{last_segment, pos};
use crate::diagnosis::source::walker::Walker;

impl Walker<'_> {
    pub(crate) fn lost_wakeup(&mut self, f: &ImplItemFn) {
        let cx = f.sig.inputs.iter().nth(1).and_then(|arg| match arg {
            syn::FnArg::Typed(t) => match &*t.pat {
                Pat::Ident(i) => Some(i.ident.to_string()),
                Pat::Wild(_) => Some("_".to_string()),
                _ => None,
            },
            _ => None,
        });
        let Some(cx) = cx else { return };
        struct P {
            pending: Option<(usize, usize)>,
        }
        impl<'ast> Visit<'ast> for P {
            fn visit_path(&mut self, p: &'ast syn::Path) {
                if last_segment(p) == "Pending" && self.pending.is_none() {
                    self.pending = Some(pos(p.span()));
                }
                visit::visit_path(self, p);
            }
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                for e in macro_exprs(m) {
                    self.visit_expr(&e);
                }
            }
        }
        let mut p = P { pending: None };
        p.visit_block(&f.block);
        let Some(at) = p.pending else { return };
        let m = mentions_block(&f.block);
        let cx_used = !cx.starts_with('_') && m.idents.contains(&cx);
        if !cx_used {
            self.add(
                "lost-wakeup",
                0.85,
                at,
                format!(
                    "`{}` returns `Poll::Pending` but never touches the context's waker",
                    f.sig.ident
                ),
            );
            self.only_routes_of_last(&["store-waker"]);
        } else if m.methods.contains("waker")
            && !self.know.wake_called
            && !m.methods.contains("wake_by_ref")
        {
            self.add(
                "lost-wakeup",
                0.7,
                at,
                format!(
                    "`{}` keeps the waker, but nothing in the program ever calls `wake()` on it",
                    f.sig.ident
                ),
            );
            self.only_routes_of_last(&["store-waker"]);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnosis::source::testing::{ids, routes, top};

    #[test]
    fn pending_without_waker() {
        let bad = r#"
            use std::{future::Future, pin::Pin, task::{Context, Poll}};
            struct Later(bool);
            impl Future for Later {
                type Output = ();
                fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
                    if self.0 { Poll::Ready(()) } else { Poll::Pending }
                }
            }
        "#;
        assert_eq!(top(bad), Some("lost-wakeup"));
        assert_eq!(routes(bad, "lost-wakeup"), ["store-waker"]);
        let fine = bad.replace("_cx", "cx").replace(
            "Poll::Pending }",
            "cx.waker().wake_by_ref(); Poll::Pending }",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    /// A `Wake` impl whose `wake` does nothing: the route is to make the
    /// bell put the task back in the queue, not to store a waker.
    #[test]
    fn a_wake_that_does_nothing() {
        let bad = r#"
            use std::sync::Arc;
            use std::task::Wake;
            struct Task;
            impl Wake for Task {
                fn wake(self: Arc<Self>) {}
            }
        "#;
        assert_eq!(top(bad), Some("lost-wakeup"));
        assert_eq!(routes(bad, "lost-wakeup"), ["wake-requeues"]);
    }
}
