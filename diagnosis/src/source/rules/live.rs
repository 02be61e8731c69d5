//! [`Live`]: a guard or a `!Send` value alive in the flow walk, and what makes one.

use syn::{Expr, Pat};

use crate::source::syntax::{ident_of, peel, place_text, quote_type};
use crate::source::walker::Walker;

#[derive(Debug, Clone)]
pub(super) enum LiveKind {
    /// A std `MutexGuard`, `RwLock` guard or `RefCell` borrow.
    Guard { target: String, kind: &'static str },
    /// A tokio guard: fine across `.await`, but not taken twice.
    AsyncGuard { target: String },
    /// `Rc`, `RefCell`, `Cell`, a raw pointer.
    NonSend(String),
}

#[derive(Debug, Clone)]
pub(super) struct Live {
    pub(super) name: String,
    pub(super) kind: LiveKind,
    pub(super) line: usize,
    pub(super) reported: bool,
    pub(super) relocked: bool,
}

impl Live {
    pub(super) fn new(name: &str, kind: LiveKind, at: (usize, usize)) -> Self {
        Live {
            name: name.to_string(),
            kind,
            line: at.0,
            reported: false,
            relocked: false,
        }
    }
}

impl Walker<'_> {
    /// What a `let` binds, when it is worth following.
    pub(super) fn live_kind(&self, init: &Expr, pat: &Pat, live: &[Live]) -> Option<LiveKind> {
        if let Some((target, kind)) = sync_guard(init) {
            return Some(LiveKind::Guard { target, kind });
        }
        if let Expr::Await(a) = peel(init) {
            if let Expr::MethodCall(m) = peel(&a.base) {
                if matches!(m.method.to_string().as_str(), "lock" | "write" | "read")
                    && m.args.is_empty()
                {
                    return Some(LiveKind::AsyncGuard {
                        target: place_text(&m.receiver),
                    });
                }
            }
        }
        let typed = match pat {
            Pat::Type(t) => quote_type(&t.ty),
            _ => String::new(),
        };
        // A `RefCell` or a `Cell` is `Send` (when what it holds is): only
        // its borrows, or an `Rc`, keep a future from moving threads.
        for t in ["Rc<", "*const", "*mut"] {
            if typed.contains(t) {
                return Some(LiveKind::NonSend(t.trim_end_matches('<').to_string()));
            }
        }
        match peel(init) {
            Expr::Call(c) => {
                let p = self.know.resolve_call(c)?;
                for t in ["Rc::new", "Rc::clone", "rc::Rc::new", "Rc::downgrade"] {
                    if p.ends_with(t) {
                        let ty = t.split("::").next().unwrap_or(t).to_string();
                        return Some(LiveKind::NonSend(ty));
                    }
                }
                None
            }
            Expr::MethodCall(m) if m.method == "clone" => {
                let n = ident_of(&m.receiver)?;
                live.iter()
                    .find(|l| l.name == n)
                    .and_then(|l| match &l.kind {
                        LiveKind::NonSend(t) => Some(LiveKind::NonSend(t.clone())),
                        _ => None,
                    })
            }
            Expr::Cast(c) => {
                let t = quote_type(&c.ty);
                (t.contains("*const") || t.contains("*mut"))
                    .then(|| LiveKind::NonSend("raw pointer".into()))
            }
            _ => None,
        }
    }
}

/// The kind of guard a `RefCell`'s `borrow` or `borrow_mut` gives.
pub(super) const REFCELL_BORROW: &str = "a `RefCell` borrow";

/// `m.lock().unwrap()`, `m.lock().expect(..)`, `cell.borrow_mut()`...: the
/// locked place and the kind of guard, when an expression *is* a std guard.
pub(super) fn sync_guard(e: &Expr) -> Option<(String, &'static str)> {
    let mut e = peel(e);
    let mut unwrapped = false;
    loop {
        match e {
            Expr::MethodCall(m)
                if matches!(
                    m.method.to_string().as_str(),
                    "unwrap" | "expect" | "unwrap_or_else"
                ) =>
            {
                unwrapped = true;
                e = peel(&m.receiver);
            }
            Expr::Try(t) => {
                unwrapped = true;
                e = peel(&t.expr);
            }
            _ => break,
        }
    }
    let Expr::MethodCall(m) = e else { return None };
    if !m.args.is_empty() {
        return None;
    }
    match m.method.to_string().as_str() {
        "lock" | "try_lock" if unwrapped => Some((place_text(&m.receiver), "a `MutexGuard`")),
        "read" | "write" if unwrapped => Some((place_text(&m.receiver), "an `RwLock` guard")),
        "borrow_mut" | "borrow" => Some((place_text(&m.receiver), REFCELL_BORROW)),
        _ => None,
    }
}

/// A std guard made as a temporary inside a larger expression (`match
/// m.lock().unwrap().get(..)`): temporaries of a `match` scrutinee live
/// through the whole `match`.
pub(super) fn temp_guard(e: &Expr) -> Option<(String, &'static str)> {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        if let Some(g) = sync_guard(e) {
            return Some(g);
        }
        match peel(e) {
            Expr::MethodCall(m) => stack.push(&m.receiver),
            Expr::Field(f) => stack.push(&f.base),
            Expr::Index(i) => stack.push(&i.expr),
            Expr::Reference(r) => stack.push(&r.expr),
            _ => {}
        }
    }
    None
}
