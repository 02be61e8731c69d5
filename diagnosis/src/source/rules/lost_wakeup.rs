//! lost-wakeup: a `poll` that returns `Pending` with nothing arranged to
//! wake it, or a waker whose `wake` does nothing.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{ImplItemFn, Pat};

use super::Rule;
use crate::catalogue::{MistakeId, Routes};
use crate::source::finders::mentions::mentions_block;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{last_segment, peel, pos};
use crate::source::walker::Walker;

/// `Pending` with the context never touched: nothing can wake the task.
const WAKER_UNTOUCHED: f32 = 0.85;
/// The waker is kept, but nothing in the program ever calls `wake`.
const NEVER_WOKEN: f32 = 0.7;
/// A `Wake` impl whose `wake` is empty.
const EMPTY_WAKE: f32 = 0.7;
const STORE_WAKER: Routes = Routes::new(MistakeId::LostWakeup, &["store-waker"]);
const WAKE_REQUEUES: Routes = Routes::new(MistakeId::LostWakeup, &["wake-requeues"]);
/// `notified().await` made on the spot in a program that wakes with
/// `notify_waiters`: a wake-up sent before it was made is lost. Whether one
/// was sent first depends on timing, so only a hang confirms it.
const NOTIFIED_TOO_LATE: f32 = 0.55;
const REGISTER_FIRST: Routes = Routes::new(MistakeId::LostWakeup, &["notify-register-first"]);

pub(super) struct LostWakeup;

impl Rule for LostWakeup {
    fn await_expr(&self, w: &mut Walker<'_>, e: &syn::ExprAwait) {
        let syn::Expr::MethodCall(m) = peel(&e.base) else {
            return;
        };
        if m.method == "notified" && w.know.notify_waiters_called {
            w.add(
                MistakeId::LostWakeup,
                NOTIFIED_TOO_LATE,
                pos(m.span()),
                "this `notified()` starts listening only here, and `notify_waiters` wakes only the tasks already listening: a notification sent before this line is lost",
            );
            w.only_routes_of_last(REGISTER_FIRST);
        }
    }

    fn impl_block(&self, w: &mut Walker<'_>, i: &syn::ItemImpl) {
        let trait_name = i.trait_.as_ref().map(|(_, p, _)| last_segment(p));
        let fns = i.items.iter().filter_map(|item| match item {
            syn::ImplItem::Fn(f) => Some(f),
            _ => None,
        });
        match trait_name.as_deref() {
            Some("Future" | "Stream") => {
                for f in fns.filter(|f| f.sig.ident == "poll" || f.sig.ident == "poll_next") {
                    w.lost_wakeup(f);
                }
            }
            Some("Wake" | "ArcWake") => {
                for f in fns {
                    if f.sig.ident.to_string().starts_with("wake") && f.block.stmts.is_empty() {
                        w.add(
                            MistakeId::LostWakeup,
                            EMPTY_WAKE,
                            pos(f.sig.ident.span()),
                            "this waker does nothing when woken, so a pending task is never put back in the queue",
                        );
                        w.only_routes_of_last(WAKE_REQUEUES);
                    }
                }
            }
            _ => {}
        }
    }
}

impl Walker<'_> {
    fn lost_wakeup(&mut self, f: &ImplItemFn) {
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
                MistakeId::LostWakeup,
                WAKER_UNTOUCHED,
                at,
                format!(
                    "`{}` returns `Poll::Pending` but never touches the context's waker",
                    f.sig.ident
                ),
            );
            self.only_routes_of_last(STORE_WAKER);
        } else if m.methods.contains("waker")
            && !self.know.wake_called
            && !m.methods.contains("wake_by_ref")
        {
            self.add(
                MistakeId::LostWakeup,
                NEVER_WOKEN,
                at,
                format!(
                    "`{}` keeps the waker, but nothing in the program ever calls `wake()` on it",
                    f.sig.ident
                ),
            );
            self.only_routes_of_last(STORE_WAKER);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{ids, routes, top};

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
        assert_eq!(top(bad), Some(MistakeId::LostWakeup));
        assert_eq!(routes(bad, MistakeId::LostWakeup), ["store-waker"]);
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
        assert_eq!(top(bad), Some(MistakeId::LostWakeup));
        assert_eq!(routes(bad, MistakeId::LostWakeup), ["wake-requeues"]);
    }

    /// `notified()` made where it is awaited, in a program that wakes with
    /// `notify_waiters`: a wake-up sent before it exists is lost. With
    /// `notify_one`, which keeps a permit, it is not.
    #[test]
    fn a_listener_made_after_notify_waiters_may_have_run() {
        let bad = r#"
            async fn wait(n: &tokio::sync::Notify, shut: bool) {
                if shut { n.notified().await; }
            }
            fn open(n: &tokio::sync::Notify) { n.notify_waiters(); }
        "#;
        assert_eq!(top(bad), Some(MistakeId::LostWakeup));
        assert_eq!(
            routes(bad, MistakeId::LostWakeup),
            ["notify-register-first"]
        );
        let permit = bad.replace("notify_waiters", "notify_one");
        assert!(ids(&permit).is_empty(), "{:?}", ids(&permit));
        let made_first = bad.replace(
            "if shut { n.notified().await; }",
            "let ready = n.notified(); if shut { ready.await; }",
        );
        assert!(ids(&made_first).is_empty(), "{:?}", ids(&made_first));
    }
}
