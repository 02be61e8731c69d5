//! Small helpers on `syn` values: positions, paths, places, patterns, numbers, source text.

use std::collections::HashMap;

use syn::spanned::Spanned;
use syn::{Expr, Local, Pat};

pub(super) fn pos(span: proc_macro2::Span) -> (usize, usize) {
    let start = span.start();
    (start.line, start.column + 1)
}

pub(super) fn path_string(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

pub(super) fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// Strips parentheses, references and `?` that do not change what an
/// expression is about.
pub(super) fn peel(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => peel(&p.expr),
        Expr::Group(g) => peel(&g.expr),
        _ => e,
    }
}

/// The single identifier an expression is, if it is one (`tx`, not `a.b`).
pub(super) fn ident_of(e: &Expr) -> Option<String> {
    match peel(e) {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        _ => None,
    }
}

/// `self.state`, `m`, `shared.inner`: a short text naming a place.
pub(super) fn place_text(e: &Expr) -> String {
    match peel(e) {
        Expr::Path(p) => path_string(&p.path),
        Expr::Field(f) => {
            let member = match &f.member {
                syn::Member::Named(i) => i.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            format!("{}.{}", place_text(&f.base), member)
        }
        Expr::Reference(r) => place_text(&r.expr),
        Expr::Unary(u) => place_text(&u.expr),
        Expr::MethodCall(m) if m.method == "clone" || m.method == "as_ref" => {
            place_text(&m.receiver)
        }
        _ => "?".to_string(),
    }
}

/// The place a `let` makes another name for: `a.clone()`, `Arc::clone(&a)`,
/// `&a`, `a` itself.
pub(super) fn alias_source(e: &Expr) -> Option<String> {
    let inner = match peel(e) {
        Expr::MethodCall(m)
            if m.args.is_empty() && (m.method == "clone" || m.method == "as_ref") =>
        {
            &*m.receiver
        }
        Expr::Call(c) if c.args.len() == 1 => {
            let Expr::Path(p) = peel(&c.func) else {
                return None;
            };
            let path = path_string(&p.path);
            if !(path.ends_with("Arc::clone") || path.ends_with("Rc::clone")) {
                return None;
            }
            &c.args[0]
        }
        Expr::Reference(r) => &*r.expr,
        Expr::Path(_) => e,
        _ => return None,
    };
    place(inner)
}

/// A local place as text (`slot`, `self.texture`, also through `&`, `*`
/// and `.clone()`), or `None` for anything else.
pub(super) fn place(e: &Expr) -> Option<String> {
    let place = place_text(e);
    (!place.contains('?') && !place.contains("::")).then_some(place)
}

/// `x` in `x`, `x.field`, `x[i]`, `*x`.
pub(super) fn root_ident(e: &Expr) -> Option<String> {
    match peel(e) {
        Expr::Field(f) => root_ident(&f.base),
        Expr::Index(i) => root_ident(&i.expr),
        Expr::Unary(u) => root_ident(&u.expr),
        other => ident_of(other),
    }
}

pub(super) fn pat_idents(pat: &Pat, out: &mut Vec<String>) {
    match pat {
        Pat::Ident(p) => out.push(p.ident.to_string()),
        Pat::Tuple(t) => t.elems.iter().for_each(|p| pat_idents(p, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| pat_idents(p, out)),
        Pat::Type(t) => pat_idents(&t.pat, out),
        Pat::Reference(r) => pat_idents(&r.pat, out),
        Pat::Struct(s) => s.fields.iter().for_each(|f| pat_idents(&f.pat, out)),
        Pat::Slice(s) => s.elems.iter().for_each(|p| pat_idents(p, out)),
        Pat::Or(o) => o.cases.iter().for_each(|p| pat_idents(p, out)),
        _ => {}
    }
}

pub(super) fn pat_binds(pat: &Pat, name: &str) -> bool {
    let mut names = Vec::new();
    pat_idents(pat, &mut names);
    names.iter().any(|n| n == name)
}

/// `#[test]`, `#[tokio::test]`: the fn is a test.
pub(super) fn has_test_attr(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| last_segment(a.path()) == "test")
}

/// The single name a `let` binds, if its pattern is one identifier.
pub(super) fn let_name(local: &Local) -> Option<String> {
    match &local.pat {
        Pat::Ident(p) => Some(p.ident.to_string()),
        Pat::Type(t) => match &*t.pat {
            Pat::Ident(p) => Some(p.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}

pub(super) fn is_wild_let(local: &Local) -> bool {
    match &local.pat {
        Pat::Wild(_) => true,
        Pat::Type(t) => matches!(&*t.pat, Pat::Wild(_)),
        _ => false,
    }
}

/// Literal integers (`10_000_000`, `1_000u64`) and the file's constants.
pub(super) fn int_value(e: &Expr, consts: &HashMap<String, u128>) -> Option<u128> {
    match peel(e) {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) => i.base10_parse::<u128>().ok(),
            _ => None,
        },
        Expr::Path(p) => consts.get(&last_segment(&p.path)).copied(),
        Expr::Binary(b) => {
            let (l, r) = (int_value(&b.left, consts)?, int_value(&b.right, consts)?);
            match b.op {
                syn::BinOp::Mul(_) => l.checked_mul(r),
                syn::BinOp::Add(_) => l.checked_add(r),
                syn::BinOp::Sub(_) => l.checked_sub(r),
                _ => None,
            }
        }
        Expr::Cast(c) => int_value(&c.expr, consts),
        _ => None,
    }
}

/// How many times a `for` over this expression goes round, when it is a
/// range with known bounds.
pub(super) fn range_len(e: &Expr, consts: &HashMap<String, u128>) -> Option<u128> {
    match peel(e) {
        Expr::Range(r) => {
            let end = int_value(r.end.as_deref()?, consts)?;
            let start = r
                .start
                .as_deref()
                .and_then(|s| int_value(s, consts))
                .unwrap_or(0);
            Some(end.saturating_sub(start))
        }
        Expr::MethodCall(m) => range_len(&m.receiver, consts),
        _ => None,
    }
}

/// The text of a type as written (spans carry their source text).
/// An end of an mpsc or broadcast channel. (A oneshot's and a watch's
/// receivers end otherwise than by their senders all being gone.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ChannelEnd {
    Sender,
    Receiver,
}

/// Which channel end a type is (`mpsc::Sender<T>`, `UnboundedReceiver<T>`;
/// not one in an `Option`, which can be taken out).
pub(super) fn channel_end(ty: &syn::Type) -> Option<ChannelEnd> {
    let syn::Type::Path(t) = ty else {
        return None;
    };
    let segments: Vec<String> = t
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    if segments.iter().any(|s| s == "oneshot" || s == "watch") {
        return None;
    }
    match segments.last()?.as_str() {
        "Sender" | "UnboundedSender" => Some(ChannelEnd::Sender),
        "Receiver" | "UnboundedReceiver" => Some(ChannelEnd::Receiver),
        _ => None,
    }
}

pub(super) fn quote_type(t: &syn::Type) -> String {
    t.span().source_text().unwrap_or_default()
}

pub(super) fn quote_pat(p: &Pat) -> String {
    p.span().source_text().unwrap_or_default()
}

/// A short text for a call, as the learner wrote it.
pub(super) fn describe(e: &Expr) -> String {
    let text = e.span().source_text().unwrap_or_default();
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        let short: String = one_line.chars().take(57).collect();
        format!("{short}...")
    } else if one_line.is_empty() {
        "this call".to_string()
    } else {
        one_line
    }
}
