//! polled-once: code that polls a future by hand, once, and takes
//! `Poll::Pending` for an answer.
//!
//! A `match` on a hand-made poll (`fut.as_mut().poll(&mut cx)`,
//! `Pin::new(&mut fut).poll(cx)`, `futures::poll!(&mut fut)`) whose
//! `Pending` arm gives up on the future:
//! - it panics (`panic!`, `unreachable!`...): "not yet" is taken for an error;
//! - in a loop, it `break`s out of it: the loop stops asking;
//! - outside any loop, for a future that is a local of the fn: whatever the
//!   arm does, the future is dropped when the fn returns, so it is never
//!   asked again. (A field, or a future the caller passed in, may be polled
//!   again on the next call; an arm that answers `Poll::Pending` hands the
//!   "not yet" on to whoever polls this code, which is how futures compose.)

use std::collections::HashSet;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Pat};

use super::{FnItem, Rule};
use crate::catalogue::MistakeId;
use crate::source::syntax::{last_segment, pat_idents, peel, place, pos, root_ident};
use crate::source::walker::Walker;

/// "Not yet" answered with a panic.
const PANICS_ON_PENDING: f32 = 0.8;
/// "Not yet" answered by throwing the future away.
const THROWN_AWAY_ON_PENDING: f32 = 0.75;
/// A loop that stops polling at the first "not yet".
const BREAKS_ON_PENDING: f32 = 0.75;
/// A local future, polled once outside any loop, then dropped. Below what a
/// passing program is told: "is it ready right now?" may be meant.
const POLLED_ONCE: f32 = 0.65;

/// Macros that end the program (or the thread) instead of waiting.
const PANICS: &[&str] = &["panic", "unreachable", "todo", "unimplemented"];

pub(super) struct PollOnce;

impl Rule for PollOnce {
    fn fn_item(&self, w: &mut Walker<'_>, f: &FnItem<'_>) {
        // A parameter taken by value is the fn's own, as a local is.
        let mut locals: Vec<String> = f.sig.inputs.iter().filter_map(owned_param).collect();
        let mut lets = Lets(&mut locals);
        lets.visit_block(f.block);
        let mut finder = Finder {
            locals: locals.into_iter().collect(),
            origins: Default::default(),
            loops: 0,
            found: Vec::new(),
        };
        finder.visit_block(f.block);
        for (at, confidence, detail) in finder.found {
            w.add(MistakeId::PolledOnce, confidence, at, detail);
        }
    }
}

/// The name of a parameter the fn owns (`mut rx: Receiver<u32>`), not one
/// it borrows (`fut: Pin<&mut F>`, `cx: &mut Context`).
fn owned_param(input: &syn::FnArg) -> Option<String> {
    let syn::FnArg::Typed(typed) = input else {
        return None;
    };
    let borrowed = match &*typed.ty {
        syn::Type::Reference(_) => true,
        syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            s.ident == "Pin"
                && matches!(&s.arguments, syn::PathArguments::AngleBracketed(a)
                    if a.args.iter().any(|arg| matches!(arg, syn::GenericArgument::Type(syn::Type::Reference(_)))))
        }),
        _ => false,
    };
    match &*typed.pat {
        Pat::Ident(i) if !borrowed => Some(i.ident.to_string()),
        _ => None,
    }
}

/// The names a fn's `let`s bind.
struct Lets<'a>(&'a mut Vec<String>);

impl<'ast> Visit<'ast> for Lets<'_> {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        pat_idents(&l.pat, self.0);
        visit::visit_local(self, l);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

struct Finder {
    locals: HashSet<String>,
    /// Where a name bound by `if let` / `let` from a place points:
    /// `fut` -> `self.texture` in `if let Asset::Loading(fut) = &mut self.texture`.
    origins: std::collections::HashMap<String, String>,
    /// How many loops of this fn we are in.
    loops: usize,
    found: Vec<((usize, usize), f32, String)>,
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        self.bind(&l.pat, &l.expr);
        visit::visit_expr_let(self, l);
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            self.bind(&l.pat, &init.expr);
        }
        visit::visit_local(self, l);
    }
    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        if let Some(polled) = polled_future(&m.expr) {
            let pending = m.arms.iter().find(|a| is_pending(&a.pat));
            if let Some(arm) = pending {
                let name = polled.as_deref().unwrap_or("the future");
                let shown = if polled.is_some() {
                    format!("`{name}`")
                } else {
                    name.to_string()
                };
                let local = polled.as_ref().is_some_and(|p| self.locals.contains(p));
                let verdict = if panics(&arm.body) {
                    Some((
                        PANICS_ON_PENDING,
                        format!("{shown} is polled, and its `Poll::Pending` (\"not yet\") is answered with a panic, as if the future had failed"),
                    ))
                } else if polled
                    .as_ref()
                    .is_some_and(|p| throws_away(&arm.body, p, self.origins.get(p)))
                {
                    Some((
                        THROWN_AWAY_ON_PENDING,
                        format!("on `Poll::Pending` (\"not yet\") this arm throws {shown} away, so it is never polled again and its value never arrives"),
                    ))
                } else if self.loops > 0 && breaks(&arm.body) {
                    Some((
                        BREAKS_ON_PENDING,
                        format!("at the first `Poll::Pending` (\"not yet\") from {shown}, this loop stops polling it, so its value never arrives"),
                    ))
                } else if self.loops == 0 && local && !hands_pending_on(&arm.body) {
                    Some((
                        POLLED_ONCE,
                        format!("{shown} is polled once: on `Poll::Pending` (\"not yet\") nothing polls it again, and it is dropped with this fn, so its value never arrives"),
                    ))
                } else {
                    None
                };
                if let Some((confidence, detail)) = verdict {
                    self.found.push((pos(m.expr.span()), confidence, detail));
                }
            }
        }
        visit::visit_expr_match(self, m);
    }
    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        self.loops += 1;
        visit::visit_expr_loop(self, l);
        self.loops -= 1;
    }
    fn visit_expr_while(&mut self, l: &'ast syn::ExprWhile) {
        self.loops += 1;
        visit::visit_expr_while(self, l);
        self.loops -= 1;
    }
    fn visit_expr_for_loop(&mut self, l: &'ast syn::ExprForLoop) {
        self.loops += 1;
        visit::visit_expr_for_loop(self, l);
        self.loops -= 1;
    }
    // A closure runs when and as often as its caller decides.
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

impl Finder {
    /// Remembers the place the names of `pat` are taken from, if `from`
    /// is a place (`&mut self.texture`, `slot`).
    fn bind(&mut self, pat: &Pat, from: &Expr) {
        let from = match peel(from) {
            Expr::Reference(r) => &*r.expr,
            other => other,
        };
        let Some(place) = place(from) else {
            return;
        };
        let mut names = Vec::new();
        pat_idents(pat, &mut names);
        for name in names {
            self.origins.insert(name, place.clone());
        }
    }
}

/// Does this arm throw the future `name` away: `drop(name)`, or a new
/// value put where it lives (`self.texture = Asset::Failed`, `slot = None`,
/// `slot.take()`)?
fn throws_away(arm: &Expr, name: &str, origin: Option<&String>) -> bool {
    struct Throws<'a> {
        places: Vec<&'a str>,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Throws<'_> {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            if place(&a.left).is_some_and(|p| self.places.contains(&p.as_str())) {
                self.found = true;
            }
            visit::visit_expr_assign(self, a);
        }
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            let is_drop = matches!(peel(&c.func), Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "drop"));
            if is_drop
                && c.args
                    .iter()
                    .any(|a| place(a).is_some_and(|p| self.places.contains(&p.as_str())))
            {
                self.found = true;
            }
            visit::visit_expr_call(self, c);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if m.method == "take"
                && place(&m.receiver).is_some_and(|p| self.places.contains(&p.as_str()))
            {
                self.found = true;
            }
            visit::visit_expr_method_call(self, m);
        }
    }
    let mut places = vec![name];
    places.extend(origin.map(String::as_str));
    let mut t = Throws {
        places,
        found: false,
    };
    t.visit_expr(arm);
    t.found
}

/// Is `e` a poll made by hand? `Some(Some(name))` with the polled future's
/// name when it has one (`fut` in `fut.as_mut().poll(&mut cx)`,
/// `Pin::new(&mut fut).poll(cx)`, `poll!(&mut fut)`).
fn polled_future(e: &Expr) -> Option<Option<String>> {
    match peel(e) {
        Expr::MethodCall(m) if m.method == "poll" && m.args.len() == 1 => {
            let receiver = match peel(&m.receiver) {
                // `Pin::new(&mut fut)`, `Box::pin(..)`: the future is the argument.
                Expr::Call(c) if c.args.len() == 1 => &c.args[0],
                other => other,
            };
            Some(future_name(receiver))
        }
        Expr::Macro(m) if last_segment(&m.mac.path) == "poll" => {
            let inner: Option<Expr> = m.mac.parse_body().ok();
            Some(inner.as_ref().and_then(future_name))
        }
        _ => None,
    }
}

/// `fut` in `fut`, `&mut fut`, `fut.as_mut()`, `self.fut`.
fn future_name(e: &Expr) -> Option<String> {
    match peel(e) {
        Expr::MethodCall(m) => future_name(&m.receiver),
        Expr::Reference(r) => future_name(&r.expr),
        Expr::Field(f) => root_ident(&f.base).map(|root| {
            let syn::Member::Named(field) = &f.member else {
                return root;
            };
            format!("{root}.{field}")
        }),
        other => root_ident(other),
    }
}

/// `Poll::Pending`, `std::task::Poll::Pending`, `Pending`.
fn is_pending(pat: &Pat) -> bool {
    match pat {
        Pat::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Pending"),
        Pat::Ident(i) => i.ident == "Pending",
        Pat::Or(o) => o.cases.iter().any(is_pending),
        _ => false,
    }
}

/// Does this arm end in a panic?
fn panics(e: &Expr) -> bool {
    match peel(e) {
        Expr::Macro(m) => PANICS.contains(&last_segment(&m.mac.path).as_str()),
        Expr::Block(b) => b.block.stmts.last().is_some_and(|s| match s {
            syn::Stmt::Expr(e, _) => panics(e),
            syn::Stmt::Macro(m) => PANICS.contains(&last_segment(&m.mac.path).as_str()),
            _ => false,
        }),
        _ => false,
    }
}

/// Does this arm leave the loop it is in (`break`, `return`)?
fn breaks(e: &Expr) -> bool {
    struct Leaves(bool);
    impl<'ast> Visit<'ast> for Leaves {
        fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
            if b.label.is_none() {
                self.0 = true;
            }
        }
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        // Their `break`s are theirs.
        fn visit_expr_loop(&mut self, _: &'ast syn::ExprLoop) {}
        fn visit_expr_while(&mut self, _: &'ast syn::ExprWhile) {}
        fn visit_expr_for_loop(&mut self, _: &'ast syn::ExprForLoop) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut l = Leaves(false);
    l.visit_expr(e);
    l.0
}

/// Does this arm answer `Poll::Pending` to whoever polls this code, as a
/// future made of other futures does (`Poll::Pending`, `return
/// Poll::Pending`)?
fn hands_pending_on(e: &Expr) -> bool {
    struct Answers(bool);
    impl<'ast> Visit<'ast> for Answers {
        fn visit_path(&mut self, p: &'ast syn::Path) {
            if p.segments.last().is_some_and(|s| s.ident == "Pending") {
                self.0 = true;
            }
            visit::visit_path(self, p);
        }
    }
    let mut a = Answers(false);
    a.visit_expr(e);
    a.0
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::lines;

    const DRIVE_ONCE: &str = r#"
        use std::future::Future;
        use std::pin::pin;
        use std::task::{Context, Poll, Waker};
        fn drive<F: Future>(future: F) -> F::Output {
            let mut future = pin!(future);
            let mut cx = Context::from_waker(Waker::noop());
            match future.as_mut().poll(&mut cx) {
                Poll::Ready(value) => value,
                Poll::Pending => panic!("not ready"),
            }
        }
        fn main() {}
    "#;

    #[test]
    fn pending_answered_with_a_panic_but_not_when_polled_again() {
        assert_eq!(lines(DRIVE_ONCE, MistakeId::PolledOnce), vec![8]);
        let again = DRIVE_ONCE
            .replace("match future", "loop { match future")
            .replace("=> value,", "=> return value,")
            .replace(
                "Poll::Pending => panic!(\"not ready\"),\n            }",
                "Poll::Pending => {}\n            } }",
            );
        assert_ne!(again, DRIVE_ONCE);
        assert_eq!(lines(&again, MistakeId::PolledOnce), Vec::<usize>::new());
    }

    #[test]
    fn a_loop_that_stops_at_the_first_pending() {
        let src = DRIVE_ONCE
            .replace("match future", "loop { match future")
            .replace("=> value,", "=> return value,")
            .replace(
                "Poll::Pending => panic!(\"not ready\"),\n            }",
                "Poll::Pending => break,\n            } }\n            unreachable!()",
            );
        assert_eq!(lines(&src, MistakeId::PolledOnce), vec![8]);
    }

    #[test]
    fn a_local_future_given_up_but_not_a_field_or_a_future_that_hands_pending_on() {
        let local = DRIVE_ONCE
            .replace("-> F::Output", "-> Option<F::Output>")
            .replace("=> value,", "=> Some(value),")
            .replace("panic!(\"not ready\")", "None");
        assert_eq!(lines(&local, MistakeId::PolledOnce), vec![8]);
        let field = r#"
            use std::future::Future;
            use std::pin::Pin;
            use std::task::{Context, Poll};
            struct Loading { fut: Pin<Box<dyn Future<Output = u32>>> }
            impl Loading {
                fn try_finish(&mut self, cx: &mut Context<'_>) -> Option<u32> {
                    match self.fut.as_mut().poll(cx) {
                        Poll::Ready(v) => Some(v),
                        Poll::Pending => None,
                    }
                }
            }
            fn main() {}
        "#;
        assert_eq!(lines(field, MistakeId::PolledOnce), Vec::<usize>::new());
        let forwarding = r#"
            use std::future::Future;
            use std::pin::Pin;
            use std::task::{Context, Poll};
            struct Twice<F> { inner: Pin<Box<F>> }
            impl<F: Future<Output = u32>> Future for Twice<F> {
                type Output = u32;
                fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
                    let mut inner = self.inner.as_mut();
                    match inner.as_mut().poll(cx) {
                        Poll::Ready(v) => Poll::Ready(v * 2),
                        Poll::Pending => Poll::Pending,
                    }
                }
            }
            fn main() {}
        "#;
        assert_eq!(
            lines(forwarding, MistakeId::PolledOnce),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn a_future_thrown_away_on_pending() {
        let src = r#"
            use std::future::Future;
            use std::pin::Pin;
            use std::task::{Context, Poll};
            enum Asset { Loading(Pin<Box<dyn Future<Output = u32>>>), Loaded(u32), Failed }
            struct Game { texture: Asset }
            impl Game {
                fn tick(&mut self, cx: &mut Context<'_>) {
                    if let Asset::Loading(fut) = &mut self.texture {
                        match fut.as_mut().poll(cx) {
                            Poll::Ready(t) => self.texture = Asset::Loaded(t),
                            Poll::Pending => self.texture = Asset::Failed,
                        }
                    }
                }
            }
            fn main() {}
        "#;
        assert_eq!(lines(src, MistakeId::PolledOnce), vec![10]);
        let kept = src.replace(
            "Poll::Pending => self.texture = Asset::Failed,",
            "Poll::Pending => {}",
        );
        assert_eq!(lines(&kept, MistakeId::PolledOnce), Vec::<usize>::new());
    }

    #[test]
    fn futures_poll_macro_taken_for_an_answer() {
        let src = r#"
            async fn quick_check(fut: impl std::future::Future<Output = u8>) -> Option<u8> {
                let mut fut = Box::pin(fut);
                match futures::poll!(&mut fut) {
                    std::task::Poll::Ready(v) => Some(v),
                    std::task::Poll::Pending => None,
                }
            }
            fn main() {}
        "#;
        assert_eq!(lines(src, MistakeId::PolledOnce), vec![4]);
        // A future the fn owns as a parameter is dropped with it too; one it
        // borrows is its caller's to poll again.
        let owned = src
            .replace("let mut fut = Box::pin(fut);\n", "")
            .replace("(fut: impl", "(mut fut: impl");
        assert_ne!(owned, src);
        assert_eq!(lines(&owned, MistakeId::PolledOnce), vec![3]);
        let borrowed = owned.replace(
            "(mut fut: impl std::future::Future<Output = u8>)",
            "(fut: std::pin::Pin<&mut dyn std::future::Future<Output = u8>>)",
        );
        assert_ne!(borrowed, owned);
        assert_eq!(lines(&borrowed, MistakeId::PolledOnce), Vec::<usize>::new());
    }
}
