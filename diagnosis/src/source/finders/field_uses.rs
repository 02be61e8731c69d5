//! [`FieldUses`]: the struct fields that hold a task's `JoinHandle` or a
//! future, and how the file uses them: really (awaited, joined, polled,
//! aborted, taken...) or only in passing (`let _ = x.f`, `drop(x.f)`,
//! `x.f.push(..)`, `x.f.len()`).

use std::collections::HashMap;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Member};

use crate::source::macros::macro_exprs;
use crate::source::syntax::{
    channel_end, is_wild_let, path_string, peel, pos, quote_type, ChannelEnd,
};

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// A task's `JoinHandle` (or a collection of them).
    Handle,
    /// A future (or a collection of them): `Pin<Box<dyn Future>>`, `BoxFuture`.
    Future,
}

/// A use of a field that does not wait for what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Passing {
    /// `let _ = x.f;`, `let _f = x.f;`, `drop(x.f)`: thrown away.
    Dismissed,
    /// `x.f.push(..)`, `x.f.len()`: filled or counted.
    Filled,
}

/// A place in the file: line and column.
pub(crate) type At = (usize, usize);
/// A use in passing, and where it is.
pub(crate) type PassingUse = (Passing, At);

#[derive(Debug, Default)]
pub(crate) struct FieldUses {
    /// The fields of the file's structs that hold a handle or a future:
    /// name -> what it holds.
    pub(crate) held: HashMap<String, Held>,
    /// Every `x.f` of the file, per field name.
    pub(crate) total: HashMap<String, usize>,
    /// The uses in passing, per field name, in the order of the file.
    pub(crate) passing: HashMap<String, Vec<PassingUse>>,
    /// Struct literals that set the field: `Job { run: .. }`, `Logger { writer }`.
    pub(crate) set_at: HashMap<String, Vec<At>>,
    /// Per field holding a handle: the channel receivers kept beside it
    /// in its struct (`rx: mpsc::Receiver<..>`).
    pub(crate) receivers_beside: HashMap<String, Vec<String>>,
    /// Receiver fields drained to their end: `while let Some(x) =
    /// self.rx.recv().await`.
    pub(crate) drained: std::collections::HashSet<String>,
}

impl FieldUses {
    pub(crate) fn of(file: &syn::File) -> FieldUses {
        let mut f = FieldUses::default();
        f.visit_file(file);
        f
    }

    /// The fields holding `what` whose every use is in passing, by name:
    /// (name, the uses in passing, where it is set).
    pub(crate) fn neglected_holding(&self, what: Held) -> Vec<(&str, &[PassingUse], At)> {
        let mut names: Vec<&String> = self.held.keys().collect();
        names.sort();
        names
            .into_iter()
            .filter_map(|name| match self.neglected(name)? {
                (held, passing, set) if held == what => Some((name.as_str(), passing, set)),
                _ => None,
            })
            .collect()
    }

    /// A held field whose every use is in passing, and which some struct
    /// literal sets: (what it holds, the uses in passing, where it is set).
    fn neglected(&self, name: &str) -> Option<(Held, &[PassingUse], At)> {
        let held = *self.held.get(name)?;
        let set = *self.set_at.get(name)?.first()?;
        let passing = self.passing.get(name).map_or(&[][..], |v| v.as_slice());
        let total = self.total.get(name).copied().unwrap_or(0);
        (total == passing.len()).then_some((held, passing, set))
    }

    fn passing_use(&mut self, e: &Expr, how: Passing) {
        if let Some(name) = field_name(e) {
            self.passing
                .entry(name)
                .or_default()
                .push((how, pos(e.span())));
        }
    }
}

fn field_name(e: &Expr) -> Option<String> {
    let e = match peel(e) {
        Expr::Reference(r) => peel(&r.expr),
        other => other,
    };
    match e {
        Expr::Field(f) => match &f.member {
            Member::Named(i) => Some(i.to_string()),
            Member::Unnamed(_) => None,
        },
        _ => None,
    }
}

/// What a field's type says it holds.
fn held_by(ty: &syn::Type) -> Option<Held> {
    let text = quote_type(ty);
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect();
    if words.contains(&"JoinHandle") {
        Some(Held::Handle)
    } else if words
        .iter()
        .any(|w| matches!(*w, "Future" | "BoxFuture" | "LocalBoxFuture"))
    {
        Some(Held::Future)
    } else {
        None
    }
}

impl FieldUses {
    /// Is the task whose handle the field `name` holds waited for through
    /// a channel? Its struct keeps a receiver that some code drains to the
    /// end, which comes only once every sender (the task's too) is gone.
    pub(crate) fn waited_through_channel(&self, name: &str) -> bool {
        self.receivers_beside
            .get(name)
            .is_some_and(|rxs| rxs.iter().any(|rx| self.drained.contains(rx)))
    }
}

impl<'ast> Visit<'ast> for FieldUses {
    fn visit_item_struct(&mut self, st: &'ast syn::ItemStruct) {
        let named = |f: &syn::Field| f.ident.as_ref().map(ToString::to_string);
        let receivers: Vec<String> = st
            .fields
            .iter()
            .filter(|f| channel_end(&f.ty) == Some(ChannelEnd::Receiver))
            .filter_map(named)
            .collect();
        for f in &st.fields {
            if let (Some(name), Some(Held::Handle)) = (named(f), held_by(&f.ty)) {
                self.receivers_beside.insert(name, receivers.clone());
            }
        }
        visit::visit_item_struct(self, st);
    }
    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        // `while let Some(x) = self.rx.recv().await`
        if let Expr::Let(l) = peel(&w.cond) {
            if let Expr::Await(a) = peel(&l.expr) {
                if let Expr::MethodCall(m) = peel(&a.base) {
                    if m.method == "recv" {
                        if let Some(field) = field_name(&m.receiver) {
                            self.drained.insert(field);
                        }
                    }
                }
            }
        }
        visit::visit_expr_while(self, w);
    }
    fn visit_field(&mut self, f: &'ast syn::Field) {
        if let (Some(name), Some(held)) = (&f.ident, held_by(&f.ty)) {
            self.held.insert(name.to_string(), held);
        }
        visit::visit_field(self, f);
    }
    fn visit_expr_field(&mut self, e: &'ast syn::ExprField) {
        if let Member::Named(i) = &e.member {
            *self.total.entry(i.to_string()).or_default() += 1;
        }
        visit::visit_expr_field(self, e);
    }
    fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
        for fv in &s.fields {
            if let Member::Named(i) = &fv.member {
                self.set_at
                    .entry(i.to_string())
                    .or_default()
                    .push(pos(fv.span()));
            }
        }
        visit::visit_expr_struct(self, s);
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        // `let _ = x.f;`, and `let _f = x.f;`, named unused on purpose.
        let unused = matches!(&l.pat, syn::Pat::Ident(i) if i.ident.to_string().starts_with('_'));
        if is_wild_let(l) || unused {
            if let Some(init) = &l.init {
                self.passing_use(&init.expr, Passing::Dismissed);
            }
        }
        visit::visit_local(self, l);
    }
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(p) = peel(&c.func) {
            let path = path_string(&p.path);
            if path == "drop" || path.ends_with("mem::drop") {
                for a in &c.args {
                    self.passing_use(a, Passing::Dismissed);
                }
            }
        }
        visit::visit_expr_call(self, c);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if matches!(
            m.method.to_string().as_str(),
            "push" | "push_back" | "len" | "is_empty" | "capacity" | "reserve"
        ) {
            self.passing_use(&m.receiver, Passing::Filled);
        }
        visit::visit_expr_method_call(self, m);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
        visit::visit_macro(self, m);
    }
}
