//! Evidence from the learner's source, parsed with `syn` (never grepped).
//!
//! The walk keeps track of where code runs: inside an async fn, an async
//! block or an async closure (*async*), in plain code (*sync*), or in a
//! closure handed to `spawn_blocking` / `thread::spawn` (*offloaded*, where
//! blocking is fine). A sync closure inside async code still runs on the
//! loop's thread, so it inherits *async*. Calls from async code into local
//! sync helpers are followed, so a `std::thread::sleep` two functions deep is
//! still found.
//!
//! Rules that depend on the order of statements (a guard alive at an
//! `.await`, a `Sender` still alive at a receiver loop, a future or a task
//! handle never used again) walk each block statement by statement.
//! Names are resolved through the file's `use` declarations, so `sleep` is
//! told apart when it is `std::thread::sleep` or `tokio::time::sleep`.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, ImplItemFn, ItemFn, Local, Pat, Stmt, UseTree};

use super::{Candidate, Evidence};

/// What the source says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceReport {
    pub candidates: Vec<Candidate>,
    /// Style observations.
    pub notes: Vec<Candidate>,
    /// False when the source does not parse (then only the compiler speaks).
    pub parsed: bool,
}

/// Reads one program's source.
pub fn analyze(source: &str) -> SourceReport {
    let Ok(file) = syn::parse_file(source) else {
        return SourceReport::default();
    };
    let know = Knowledge::gather(&file);
    let mut walker = Walker::new(&know);
    walker.visit_file(&file);
    let mut report = walker.finish();
    report.parsed = true;
    report
}

// ---------------------------------------------------------------------------
// Small helpers on syn values

fn pos(span: proc_macro2::Span) -> (usize, usize) {
    let start = span.start();
    (start.line, start.column + 1)
}

fn path_string(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// Strips parentheses, references and `?` that do not change what an
/// expression is about.
fn peel(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => peel(&p.expr),
        Expr::Group(g) => peel(&g.expr),
        _ => e,
    }
}

/// The single identifier an expression is, if it is one (`tx`, not `a.b`).
fn ident_of(e: &Expr) -> Option<String> {
    match peel(e) {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        _ => None,
    }
}

/// `self.state`, `m`, `shared.inner`: a short text naming a place.
fn place_text(e: &Expr) -> String {
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

fn pat_idents(pat: &Pat, out: &mut Vec<String>) {
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

fn pat_binds(pat: &Pat, name: &str) -> bool {
    let mut names = Vec::new();
    pat_idents(pat, &mut names);
    names.iter().any(|n| n == name)
}

/// The single name a `let` binds, if its pattern is one identifier.
fn let_name(local: &Local) -> Option<String> {
    match &local.pat {
        Pat::Ident(p) => Some(p.ident.to_string()),
        Pat::Type(t) => match &*t.pat {
            Pat::Ident(p) => Some(p.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn is_wild_let(local: &Local) -> bool {
    match &local.pat {
        Pat::Wild(_) => true,
        Pat::Type(t) => matches!(&*t.pat, Pat::Wild(_)),
        _ => false,
    }
}

/// The expressions inside a macro call, when its tokens parse as
/// expressions (`println!`, `join!`, `vec!`, `assert!`...), and the futures
/// and bodies of the branches of `select!`.
fn macro_exprs(mac: &syn::Macro) -> Vec<Expr> {
    let name = last_segment(&mac.path);
    if name == "select" {
        return select_branches(&mac.tokens)
            .into_iter()
            .flat_map(|(f, b)| [f, b])
            .collect();
    }
    if let Ok(list) = mac.parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated) {
        return list.into_iter().collect();
    }
    // `vec![x; n]`
    let parsed = mac.parse_body_with(|input: syn::parse::ParseStream| {
        let a: Expr = input.parse()?;
        let _: syn::Token![;] = input.parse()?;
        let b: Expr = input.parse()?;
        Ok(vec![a, b])
    });
    parsed.unwrap_or_default()
}

/// The branches of a `select!`: (the future raced, the branch's body).
fn select_branches(tokens: &TokenStream) -> Vec<(Expr, Expr)> {
    let tts: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut branches = Vec::new();
    let mut i = 0;
    while i < tts.len() {
        // A branch head runs to `=>`.
        let start = i;
        let mut arrow = None;
        while i + 1 < tts.len() {
            if let (TokenTree::Punct(a), TokenTree::Punct(b)) = (&tts[i], &tts[i + 1]) {
                if a.as_char() == '=' && a.spacing() == Spacing::Joint && b.as_char() == '>' {
                    arrow = Some(i);
                    break;
                }
            }
            i += 1;
        }
        let Some(arrow) = arrow else { break };
        let head = &tts[start..arrow];
        i = arrow + 2;
        // The body: a braced group, or tokens to the next top-level comma.
        let body_start = i;
        if let Some(TokenTree::Group(g)) = tts.get(i) {
            if g.delimiter() == Delimiter::Brace {
                i += 1;
            }
        }
        if i == body_start {
            while i < tts.len() && !matches!(&tts[i], TokenTree::Punct(p) if p.as_char() == ',') {
                i += 1;
            }
        }
        let body: TokenStream = tts[body_start..i].iter().cloned().collect();
        if matches!(tts.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
            i += 1;
        }
        // `pattern = future (, if guard)?`: split at the first lone `=`.
        let eq = head.iter().enumerate().position(|(k, t)| {
            matches!(t, TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Alone)
                && !matches!(head.get(k.wrapping_sub(1)), Some(TokenTree::Punct(q)) if matches!(q.as_char(), '=' | '!' | '<' | '>'))
        });
        let future_tokens: TokenStream = match eq {
            Some(eq) => {
                let rest = &head[eq + 1..];
                let end = rest
                    .iter()
                    .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                    .unwrap_or(rest.len());
                rest[..end].iter().cloned().collect()
            }
            None => continue, // `else => ...`, `biased;` and friends
        };
        if let (Ok(future), Ok(body)) = (
            syn::parse2::<Expr>(future_tokens),
            syn::parse2::<Expr>(body),
        ) {
            branches.push((future, body));
        }
    }
    branches
}

/// Literal integers (`10_000_000`, `1_000u64`) and the file's constants.
fn int_value(e: &Expr, consts: &HashMap<String, u128>) -> Option<u128> {
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
fn range_len(e: &Expr, consts: &HashMap<String, u128>) -> Option<u128> {
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

// ---------------------------------------------------------------------------
// Visitors that answer one question about a piece of code

/// Does this code contain an `.await` of its own (not in a nested async
/// block, async closure or item, which are futures of their own)?
fn contains_await_block(b: &Block) -> bool {
    let mut f = AwaitFinder::default();
    f.visit_block(b);
    f.found
}

fn count_awaits_block(b: &Block) -> usize {
    let mut f = AwaitFinder::default();
    f.visit_block(b);
    f.count
}

#[derive(Default)]
struct AwaitFinder {
    found: bool,
    count: usize,
}

impl<'ast> Visit<'ast> for AwaitFinder {
    fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
        self.found = true;
        self.count += 1;
        visit::visit_expr_await(self, e);
    }
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        if c.asyncness.is_none() {
            visit::visit_expr_closure(self, c);
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // `select!` and `join!` await their futures without writing `.await`.
        if is_awaiting_macro(m) {
            self.found = true;
            self.count += 1;
        }
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
    }
}

fn is_awaiting_macro(m: &syn::Macro) -> bool {
    matches!(
        last_segment(&m.path).as_str(),
        "select" | "join" | "try_join"
    )
}

/// Every path and method name mentioned in a piece of code, macros included.
#[derive(Default)]
struct Mentions {
    idents: HashSet<String>,
    methods: HashSet<String>,
    macros: HashSet<String>,
    calls: Vec<String>,
}

impl<'ast> Visit<'ast> for Mentions {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        for s in &p.segments {
            self.idents.insert(s.ident.to_string());
        }
        visit::visit_path(self, p);
    }
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(p) = peel(&c.func) {
            self.calls.push(path_string(&p.path));
        }
        visit::visit_expr_call(self, c);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        self.methods.insert(m.method.to_string());
        visit::visit_expr_method_call(self, m);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.macros.insert(last_segment(&m.path));
        for tt in m.tokens.clone() {
            if let TokenTree::Ident(i) = tt {
                self.idents.insert(i.to_string());
            }
        }
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
        visit::visit_macro(self, m);
    }
}

fn mentions_expr(e: &Expr) -> Mentions {
    let mut m = Mentions::default();
    m.visit_expr(e);
    m
}

fn mentions_block(b: &Block) -> Mentions {
    let mut m = Mentions::default();
    m.visit_block(b);
    m
}

/// How a name is used in the statements after it is bound.
#[derive(Debug, Clone, PartialEq)]
enum Use {
    Awaited,
    /// `name.method(..)`; the flag says whether an argument is a future or a
    /// spawned task (`futs.push(fetch(i))`, `handles.push(spawn(..))`).
    Method(String, bool),
    /// Passed by value to a function or macro.
    Arg(String),
    Dropped,
    /// Moved into a `move` closure or an `async move` block.
    Captured,
    /// `for x in name`
    ForIter,
    /// Anything else (borrowed, compared, printed, returned...).
    Other,
}

impl Use {
    /// Does this use take the value away from the binding?
    fn moves(&self) -> bool {
        matches!(
            self,
            Use::Arg(_) | Use::Dropped | Use::Captured | Use::ForIter
        )
    }
}

struct UseFinder<'k> {
    name: String,
    know: &'k Knowledge,
    uses: Vec<(Use, usize)>,
}

impl<'k> UseFinder<'k> {
    fn new(name: &str, know: &'k Knowledge) -> Self {
        UseFinder {
            name: name.to_string(),
            know,
            uses: Vec::new(),
        }
    }

    fn is_me(&self, e: &Expr) -> bool {
        ident_of(e).as_deref() == Some(self.name.as_str())
    }

    fn push(&mut self, u: Use, span: proc_macro2::Span) {
        self.uses.push((u, pos(span).0));
    }

    /// Uses in a run of statements, stopping where the name is shadowed.
    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.visit_stmt(s);
            if let Stmt::Local(l) = s {
                if pat_binds(&l.pat, &self.name) {
                    return;
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for UseFinder<'_> {
    fn visit_block(&mut self, b: &'ast Block) {
        self.stmts(&b.stmts);
    }
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Await(a) if self.is_me(&a.base) => self.push(Use::Awaited, a.span()),
            Expr::MethodCall(m) if self.is_me(&m.receiver) => {
                let special = m
                    .args
                    .iter()
                    .any(|a| self.know.is_future_expr(a) || self.know.is_spawn_expr(a));
                self.push(Use::Method(m.method.to_string(), special), m.span());
                m.args.iter().for_each(|a| self.visit_expr(a));
            }
            Expr::Call(c) => {
                let callee = match peel(&c.func) {
                    Expr::Path(p) => path_string(&p.path),
                    _ => String::new(),
                };
                for a in &c.args {
                    if self.is_me(a) {
                        if callee == "drop" || callee.ends_with("mem::drop") {
                            self.push(Use::Dropped, a.span());
                        } else {
                            self.push(Use::Arg(callee.clone()), a.span());
                        }
                    } else {
                        self.visit_expr(a);
                    }
                }
                self.visit_expr(&c.func);
            }
            Expr::Closure(c) if c.capture.is_some() => {
                if mentions_expr(&c.body).idents.contains(&self.name) {
                    self.push(Use::Captured, c.span());
                }
            }
            Expr::Closure(c) if c.inputs.iter().any(|p| pat_binds(p, &self.name)) => {}
            Expr::Async(a) if a.capture.is_some() => {
                if mentions_block(&a.block).idents.contains(&self.name) {
                    self.push(Use::Captured, a.span());
                }
            }
            Expr::ForLoop(f) => {
                if self.is_me(&f.expr) {
                    self.push(Use::ForIter, f.expr.span());
                } else {
                    self.visit_expr(&f.expr);
                }
                if !pat_binds(&f.pat, &self.name) {
                    self.visit_block(&f.body);
                }
            }
            Expr::Path(_) if self.is_me(e) => self.push(Use::Other, e.span()),
            _ => visit::visit_expr(self, e),
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = last_segment(&m.path);
        for e in macro_exprs(m) {
            if self.is_me(&e) && matches!(name.as_str(), "join" | "try_join" | "pin" | "select") {
                self.push(Use::Arg(format!("{name}!")), e.span());
            } else {
                self.visit_expr(&e);
            }
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Collects the direct sub-expressions of an expression.
#[derive(Default)]
struct Children<'ast> {
    found: Vec<&'ast Expr>,
}

impl<'ast> Visit<'ast> for Children<'ast> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        self.found.push(e);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

fn children(e: &Expr) -> Vec<&Expr> {
    let mut c = Children::default();
    visit::visit_expr(&mut c, e);
    c.found
}

// ---------------------------------------------------------------------------
// What the whole file says, gathered before the main walk

#[derive(Debug, Default)]
struct Imports {
    /// `sleep` -> `tokio::time::sleep`, `fs` -> `std::fs`, ...
    names: HashMap<String, String>,
    globs: Vec<String>,
}

impl Imports {
    fn add(&mut self, prefix: &str, tree: &UseTree) {
        let join = |a: &str, b: &str| {
            if a.is_empty() {
                b.to_string()
            } else {
                format!("{a}::{b}")
            }
        };
        match tree {
            UseTree::Path(p) => self.add(&join(prefix, &p.ident.to_string()), &p.tree),
            UseTree::Name(n) if n.ident == "self" => {
                let last = prefix.rsplit("::").next().unwrap_or(prefix).to_string();
                self.names.insert(last, prefix.to_string());
            }
            UseTree::Name(n) => {
                self.names
                    .insert(n.ident.to_string(), join(prefix, &n.ident.to_string()));
            }
            UseTree::Rename(r) => {
                self.names
                    .insert(r.rename.to_string(), join(prefix, &r.ident.to_string()));
            }
            UseTree::Glob(_) => self.globs.push(prefix.to_string()),
            UseTree::Group(g) => g.items.iter().for_each(|t| self.add(prefix, t)),
        }
    }

    /// The full path a path in the source stands for, as far as the file's
    /// `use`s tell. `::std::x` and `std::x` are the same.
    fn resolve(&self, path: &syn::Path) -> String {
        let text = path_string(path);
        let mut parts = text.splitn(2, "::");
        let first = parts.next().unwrap_or("");
        let rest = parts.next();
        let base = match self.names.get(first) {
            Some(full) => full.clone(),
            None if path.segments.len() == 1 => {
                match self
                    .globs
                    .iter()
                    .find(|g| GLOB_KNOWN.iter().any(|(m, n)| g == m && *n == first))
                {
                    Some(g) => format!("{g}::{first}"),
                    None => first.to_string(),
                }
            }
            None => match first {
                "thread" | "fs" | "net" | "process" => format!("std::{first}"),
                _ => first.to_string(),
            },
        };
        match rest {
            Some(rest) => format!("{base}::{rest}"),
            None => base,
        }
    }
}

/// Names that glob imports of these modules are known to bring in.
const GLOB_KNOWN: &[(&str, &str)] = &[
    ("tokio::time", "sleep"),
    ("tokio::time", "timeout"),
    ("tokio::time", "interval"),
    ("std::thread", "sleep"),
    ("std::thread", "spawn"),
    ("tokio::task", "spawn"),
    ("tokio::task", "spawn_blocking"),
    ("futures::executor", "block_on"),
    ("tokio::sync::mpsc", "channel"),
    ("tokio::sync::mpsc", "unbounded_channel"),
    ("std::sync::mpsc", "channel"),
];

/// One function of the file.
struct FnInfo {
    is_async: bool,
    /// Returns `impl Future`, a boxed future or a `BoxFuture`.
    returns_future: bool,
    waits: bool,
    /// Cancel-unsafe when raced: more than one `.await`, or a partial read.
    cancel_unsafe: bool,
    /// Contains a loop that drains a receiver.
    drains: bool,
}

#[derive(Default)]
struct Knowledge {
    imports: Imports,
    fns: HashMap<String, Vec<FnInfo>>,
    consts: HashMap<String, u128>,
    std_receivers: HashSet<String>,
    handle_names: HashSet<String>,
    handle_collections: HashSet<String>,
    spawned_fns: HashSet<String>,
    uses_thread_spawn: bool,
    has_tokio_runtime: bool,
    tasks_can_panic: bool,
    wake_called: bool,
    notify_called: bool,
    add_permits_called: bool,
    /// A `Semaphore` or `buffer_unordered` limits how many run at once.
    limits_concurrency: bool,
    /// The file has a `fn main` or a test: it is a program, not a fragment.
    has_entry: bool,
    /// How many times each fn calls itself.
    self_calls: HashMap<String, usize>,
    /// `let b = a.clone()`, `let b = Arc::clone(&a)`, `let b = &a`: per
    /// function, the place each such name stands for (`None` when a name
    /// stands for two different places in one function).
    aliases: HashMap<(Option<String>, String), Option<String>>,
    /// Channel senders (and their clones), with the names of their receivers.
    senders: HashMap<String, Vec<String>>,
    /// Every single name the code mentions as a path (not patterns).
    mentioned: HashSet<String>,
}

const CANCEL_UNSAFE_METHODS: &[&str] = &[
    "read_exact",
    "read_to_end",
    "read_to_string",
    "read_line",
    "read_until",
    "write_all",
    "write_all_buf",
    "copy",
];

impl Knowledge {
    fn gather(file: &syn::File) -> Knowledge {
        let mut k = Knowledge::default();
        let mut g = Gatherer {
            k: &mut k,
            current_fn: None,
            spawn_args: Vec::new(),
            awaits_in: HashMap::new(),
        };
        g.visit_file(file);
        let spawn_args = std::mem::take(&mut g.spawn_args);
        let awaits_in = std::mem::take(&mut g.awaits_in);
        // Futures that run as spawned tasks must be `Send`, and so must every
        // local async fn they await.
        for name in spawn_args {
            k.spawned_fns.insert(name);
        }
        loop {
            let before = k.spawned_fns.len();
            let more: Vec<String> = k
                .spawned_fns
                .iter()
                .flat_map(|f| awaits_in.get(f).cloned().unwrap_or_default())
                .collect();
            k.spawned_fns.extend(more);
            if k.spawned_fns.len() == before {
                break;
            }
        }
        k
    }

    fn fn_is(&self, name: &str, pred: impl Fn(&FnInfo) -> bool) -> bool {
        self.fns
            .get(name)
            .is_some_and(|v| !v.is_empty() && v.iter().all(pred))
    }

    fn is_async_fn(&self, name: &str) -> bool {
        self.fn_is(name, |f| f.is_async || f.returns_future)
    }

    /// The place a name (or a field path starting with one) stands for in
    /// function `f`, through its aliases: `s1` -> `savings` after
    /// `let s1 = savings.clone()`.
    fn resolve_place(&self, f: &Option<String>, place: &str) -> String {
        let mut place = place.to_string();
        for _ in 0..8 {
            let (base, rest) = match place.split_once('.') {
                Some((b, r)) => (b.to_string(), format!(".{r}")),
                None => (place.clone(), String::new()),
            };
            match self.aliases.get(&(f.clone(), base.clone())) {
                Some(Some(to)) if *to != base => place = format!("{to}{rest}"),
                _ => break,
            }
        }
        place
    }

    /// Does this spawned future hand its work over a channel that somebody
    /// listens to? Then the channel, not the `JoinHandle`, tells when the
    /// work is done (the receiver sees the end when the task's sender drops).
    fn reports_through_channel(&self, e: &Expr) -> bool {
        let m = mentions_expr(e);
        m.idents.iter().any(|i| {
            self.senders
                .get(i)
                .is_some_and(|rxs| rxs.iter().any(|rx| self.mentioned.contains(rx)))
        })
    }

    fn resolve_call(&self, c: &syn::ExprCall) -> Option<String> {
        match peel(&c.func) {
            Expr::Path(p) => Some(self.imports.resolve(&p.path)),
            _ => None,
        }
    }

    /// A call of a local async fn, or of a known async API, not awaited.
    fn is_future_expr(&self, e: &Expr) -> bool {
        match peel(e) {
            Expr::Async(_) => true,
            Expr::Closure(c) => c.asyncness.is_some(),
            Expr::Call(c) => {
                let Some(path) = self.resolve_call(c) else {
                    return false;
                };
                let last = path.rsplit("::").next().unwrap_or("");
                if self.fns.contains_key(last)
                    && (path == last || path.starts_with("Self::") || path.starts_with("self::"))
                {
                    return self.is_async_fn(last);
                }
                ASYNC_APIS
                    .iter()
                    .any(|api| path == *api || (api.ends_with("::") && path.starts_with(api)))
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                (self.fns.contains_key(&name)
                    && self.is_async_fn(&name)
                    && ident_of(&m.receiver).as_deref() == Some("self"))
                    || ASYNC_METHODS.contains(&name.as_str())
            }
            _ => false,
        }
    }

    fn is_spawn_path(path: &str) -> bool {
        matches!(
            path,
            "tokio::spawn"
                | "tokio::task::spawn"
                | "task::spawn"
                | "tokio::task::spawn_local"
                | "task::spawn_local"
        )
    }

    /// `tokio::spawn(..)` (also through `use`), `spawn_blocking`, and
    /// `rt.spawn(..)` / `handle.spawn(..)`.
    fn is_spawn_expr(&self, e: &Expr) -> bool {
        match peel(e) {
            Expr::Call(c) => self.resolve_call(c).is_some_and(|p| {
                Self::is_spawn_path(&p)
                    || p == "tokio::task::spawn_blocking"
                    || p == "task::spawn_blocking"
            }),
            Expr::MethodCall(m) => {
                m.method == "spawn"
                    && !self.fns.contains_key("spawn")
                    && m.args.len() == 1
                    && !matches!(peel(&m.args[0]), Expr::Closure(_))
            }
            _ => false,
        }
    }
}

/// Free functions that return a future to be awaited.
const ASYNC_APIS: &[&str] = &[
    "tokio::time::sleep",
    "tokio::time::sleep_until",
    "tokio::time::timeout",
    "tokio::task::yield_now",
    "tokio::fs::",
    "tokio::signal::ctrl_c",
    "tokio::io::copy",
    "futures::future::join_all",
    "futures::future::try_join_all",
    "futures::future::join",
    "future::join_all",
    "future::try_join_all",
    "join_all",
    "try_join_all",
];

/// Methods that exist only as async ones in tokio and futures.
const ASYNC_METHODS: &[&str] = &[
    "tick",
    "notified",
    "acquire",
    "acquire_owned",
    "join_next",
    "changed",
    "readable",
    "writable",
];

/// The first pass: imports, functions, constants, and names worth knowing.
struct Gatherer<'k> {
    k: &'k mut Knowledge,
    /// The function being read (for aliases, which are per function).
    current_fn: Option<String>,
    /// Local async fns whose futures are spawned.
    spawn_args: Vec<String>,
    /// For each async fn, the local async fns it awaits.
    awaits_in: HashMap<String, Vec<String>>,
}

impl Gatherer<'_> {
    fn add_fn(
        &mut self,
        name: String,
        sig: &syn::Signature,
        block: &Block,
        attrs: &[syn::Attribute],
    ) {
        let returns_future = match &sig.output {
            syn::ReturnType::Type(_, t) => {
                let text = quote_type(t);
                text.contains("Future")
            }
            syn::ReturnType::Default => false,
        };
        if name == "main" || attrs.iter().any(|a| last_segment(a.path()) == "test") {
            self.k.has_entry = true;
        }
        let tokio_main = attrs.iter().any(|a| {
            let p = path_string(a.path());
            p == "tokio::main" || p == "tokio::test"
        });
        if tokio_main {
            self.k.has_tokio_runtime = true;
        }
        let mentions = mentions_block(block);
        let awaits = count_awaits_block(block);
        let cancel_unsafe = awaits >= 2
            || CANCEL_UNSAFE_METHODS
                .iter()
                .any(|m| mentions.methods.contains(*m));
        let drains = has_drain_loop(block, None);
        let mut callees: Vec<String> = mentions
            .calls
            .iter()
            .map(|c| c.rsplit("::").next().unwrap_or("").to_string())
            .collect();
        callees.extend(mentions.methods.iter().cloned());
        let self_calls = mentions
            .calls
            .iter()
            .filter(|c| c.rsplit("::").next() == Some(name.as_str()))
            .count();
        *self.k.self_calls.entry(name.clone()).or_default() += self_calls;
        self.awaits_in.insert(name.clone(), callees);
        self.k.fns.entry(name).or_default().push(FnInfo {
            is_async: sig.asyncness.is_some() && !tokio_main,
            returns_future,
            waits: awaits > 0,
            cancel_unsafe,
            drains,
        });
    }
}

impl Gatherer<'_> {
    /// `let b = a.clone()` and friends, also in tuples:
    /// `let (s1, c1) = (savings.clone(), checking.clone())`.
    fn aliases(&mut self, pat: &Pat, e: &Expr) {
        let pairs: Vec<(&Pat, &Expr)> = match (pat, peel(e)) {
            (Pat::Tuple(t), Expr::Tuple(v)) if t.elems.len() == v.elems.len() => {
                t.elems.iter().zip(v.elems.iter()).collect()
            }
            (Pat::Tuple(_), _) => return,
            _ => vec![(pat, e)],
        };
        for (pat, e) in pairs {
            let name = match pat {
                Pat::Ident(p) => p.ident.to_string(),
                Pat::Type(t) => match &*t.pat {
                    Pat::Ident(p) => p.ident.to_string(),
                    _ => continue,
                },
                _ => continue,
            };
            let Some(to) = alias_source(e) else { continue };
            if to == name || to.split('.').next() == Some(name.as_str()) {
                continue; // `let tx = tx.clone()`: the same name, shadowed
            }
            let key = (self.current_fn.clone(), name);
            match self.k.aliases.get(&key) {
                Some(Some(before)) if *before != to => {
                    self.k.aliases.insert(key, None);
                }
                Some(_) => {}
                None => {
                    self.k.aliases.insert(key, Some(to));
                }
            }
        }
    }

    /// `let (tx, rx) = ..channel(..)` and `let tx2 = tx.clone()`.
    fn senders(&mut self, pat: &Pat, e: &Expr) {
        if let (Pat::Tuple(t), Expr::Call(c)) = (pat, e) {
            let path = self.k.resolve_call(c).unwrap_or_default();
            let last = path.rsplit("::").next().unwrap_or("");
            if t.elems.len() == 2 && last.ends_with("channel") {
                let (mut txs, mut rxs) = (Vec::new(), Vec::new());
                pat_idents(&t.elems[0], &mut txs);
                pat_idents(&t.elems[1], &mut rxs);
                for tx in txs {
                    self.k.senders.entry(tx).or_default().extend(rxs.clone());
                }
            }
            return;
        }
        let mut names = Vec::new();
        pat_idents(pat, &mut names);
        if let (Some(name), Some(from)) = (names.first(), alias_source(e)) {
            if let Some(rxs) = self.k.senders.get(&from).cloned() {
                self.k.senders.entry(name.clone()).or_default().extend(rxs);
            }
        }
    }
}

/// The place a `let` makes another name for: `a.clone()`, `Arc::clone(&a)`,
/// `&a`, `a` itself.
fn alias_source(e: &Expr) -> Option<String> {
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
    let place = place_text(inner);
    (!place.contains('?') && !place.contains("::")).then_some(place)
}

/// The text of a type as written (spans carry their source text).
fn quote_type(t: &syn::Type) -> String {
    t.span().source_text().unwrap_or_default()
}

impl<'ast> Visit<'ast> for Gatherer<'_> {
    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        if let Some(over) = ident_of(&f.expr) {
            if self.k.handle_collections.contains(&over) {
                let mut names = Vec::new();
                pat_idents(&f.pat, &mut names);
                self.k.handle_names.extend(names);
            }
        }
        visit::visit_expr_for_loop(self, f);
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.k.imports.add("", &u.tree);
    }
    fn visit_item_fn(&mut self, f: &'ast ItemFn) {
        self.add_fn(f.sig.ident.to_string(), &f.sig, &f.block, &f.attrs);
        let outer = self.current_fn.replace(f.sig.ident.to_string());
        visit::visit_item_fn(self, f);
        self.current_fn = outer;
    }
    fn visit_impl_item_fn(&mut self, f: &'ast ImplItemFn) {
        self.add_fn(f.sig.ident.to_string(), &f.sig, &f.block, &f.attrs);
        let outer = self.current_fn.replace(f.sig.ident.to_string());
        visit::visit_impl_item_fn(self, f);
        self.current_fn = outer;
    }
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if p.qself.is_none() && p.path.segments.len() == 1 {
            self.k
                .mentioned
                .insert(p.path.segments[0].ident.to_string());
        }
        visit::visit_expr_path(self, p);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Names inside `println!`, `join!`, `select!`... are mentions too.
        for tt in m.tokens.clone() {
            if let TokenTree::Ident(i) = tt {
                self.k.mentioned.insert(i.to_string());
            }
        }
        visit::visit_macro(self, m);
    }
    fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
        if let Some(v) = int_value(&c.expr, &self.k.consts) {
            self.k.consts.insert(c.ident.to_string(), v);
        }
    }
    fn visit_local(&mut self, l: &'ast Local) {
        if let Some(init) = &l.init {
            let e = peel(&init.expr);
            self.aliases(&l.pat, e);
            self.senders(&l.pat, e);
            if let (Pat::Tuple(t), Expr::Call(c)) = (&l.pat, e) {
                if let Expr::Path(p) = peel(&c.func) {
                    let path = self.k.imports.resolve(&p.path);
                    if path.starts_with("std::sync::mpsc::") && t.elems.len() == 2 {
                        let mut names = Vec::new();
                        pat_idents(&t.elems[1], &mut names);
                        self.k.std_receivers.extend(names);
                    }
                }
            }
            if let Some(name) = let_name(l) {
                if self.k.is_spawn_expr(e) {
                    self.k.handle_names.insert(name.clone());
                }
                let m = mentions_expr(e);
                if m.methods.contains("collect") && m.calls.iter().any(|c| c.ends_with("spawn")) {
                    self.k.handle_collections.insert(name);
                }
            }
        }
        visit::visit_local(self, l);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if m.method == "push" && m.args.len() == 1 && self.k.is_spawn_expr(&m.args[0]) {
            if let Some(n) = ident_of(&m.receiver) {
                self.k.handle_collections.insert(n);
            }
        }
        match m.method.to_string().as_str() {
            "wake" | "wake_by_ref" => self.k.wake_called = true,
            "notify_one" | "notify_waiters" | "notify_last" => self.k.notify_called = true,
            "add_permits" => self.k.add_permits_called = true,
            "block_on" => self.k.has_tokio_runtime = true,
            "buffer_unordered" | "buffered" | "acquire" | "acquire_owned" => {
                self.k.limits_concurrency = true
            }
            _ => {}
        }
        visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Some(path) = self.k.resolve_call(c) {
            if path.ends_with("thread::spawn") || path.ends_with("thread::scope") {
                self.k.uses_thread_spawn = true;
            }
            if path.contains("Runtime::new")
                || path.contains("Builder::new_")
                || path.ends_with("tokio_test::block_on")
            {
                self.k.has_tokio_runtime = true;
            }
            if path.ends_with("Semaphore::new") || path.ends_with("buffer_unordered") {
                self.k.limits_concurrency = true;
            }
            if path.ends_with("wake") || path.ends_with("wake_by_ref") {
                self.k.wake_called = true;
            }
            if self.k.is_spawn_expr(&Expr::Call(c.clone())) {
                if let Some(arg) = c.args.first() {
                    match peel(arg) {
                        Expr::Call(inner) => {
                            if let Expr::Path(p) = peel(&inner.func) {
                                self.spawn_args.push(last_segment(&p.path));
                            }
                        }
                        Expr::Async(a) => {
                            let m = mentions_block(&a.block);
                            self.spawn_args.extend(
                                m.calls
                                    .iter()
                                    .map(|c| c.rsplit("::").next().unwrap_or("").to_string()),
                            );
                            if can_panic(&m) {
                                self.k.tasks_can_panic = true;
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        visit::visit_expr_call(self, c);
    }
}

fn can_panic(m: &Mentions) -> bool {
    [
        "panic",
        "assert",
        "assert_eq",
        "assert_ne",
        "unreachable",
        "todo",
        "unimplemented",
    ]
    .iter()
    .any(|x| m.macros.contains(*x))
        || m.methods.contains("unwrap")
        || m.methods.contains("expect")
}

/// Does this block contain a loop that drains a receiver: `while let
/// Some(x) = rx.recv().await`, `for x in rx`, `loop { match rx.recv()..`?
/// With `name`, only loops over that receiver count.
fn has_drain_loop(block: &Block, name: Option<&str>) -> bool {
    let mut f = DrainFinder { name, found: None };
    f.visit_block(block);
    f.found.is_some()
}

struct DrainFinder<'a> {
    name: Option<&'a str>,
    /// The line of the first drain loop.
    found: Option<(usize, usize)>,
}

const RECV_METHODS: &[&str] = &[
    "recv",
    "next",
    "recv_many",
    "iter",
    "blocking_recv",
    "try_next",
];

impl DrainFinder<'_> {
    fn receives_from(&self, e: &Expr) -> bool {
        let mut hit = false;
        let mut stack = vec![e];
        while let Some(e) = stack.pop() {
            if let Expr::MethodCall(m) = peel(e) {
                if RECV_METHODS.contains(&m.method.to_string().as_str()) {
                    let recv_name = ident_of(&m.receiver).or_else(|| match peel(&m.receiver) {
                        Expr::Field(_) => Some(place_text(&m.receiver)),
                        _ => None,
                    });
                    if let Some(n) = recv_name {
                        if self.name.is_none_or(|want| want == n) {
                            hit = true;
                        }
                    }
                }
            }
            if matches!(peel(e), Expr::Async(_) | Expr::Closure(_)) {
                continue;
            }
            stack.extend(children(e));
        }
        hit
    }
}

impl<'ast> Visit<'ast> for DrainFinder<'_> {
    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        if self.found.is_none() && self.receives_from(&w.cond) {
            self.found = Some(pos(w.span()));
        }
        visit::visit_expr_while(self, w);
    }
    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        let over_receiver = match (ident_of(&f.expr), self.name) {
            (Some(n), Some(want)) => n == want,
            _ => false,
        };
        if self.found.is_none() && (over_receiver || self.receives_from(&f.expr)) {
            self.found = Some(pos(f.span()));
        }
        visit::visit_expr_for_loop(self, f);
    }
    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        let mut receives = false;
        for s in &l.body.stmts {
            let e = match s {
                Stmt::Expr(e, _) => Some(e),
                Stmt::Local(l) => l.init.as_ref().map(|i| &*i.expr),
                _ => None,
            };
            if let Some(e) = e {
                if let Expr::Match(m) = peel(e) {
                    receives |= self.receives_from(&m.expr);
                } else if let Expr::Let(_) | Expr::If(_) = peel(e) {
                    receives |= self.receives_from(e);
                } else if let Some(init) = match s {
                    Stmt::Local(l) => l.init.as_ref(),
                    _ => None,
                } {
                    receives |= init.diverge.is_some() && self.receives_from(&init.expr);
                }
            }
        }
        if self.found.is_none() && receives {
            self.found = Some(pos(l.span()));
        }
        visit::visit_expr_loop(self, l);
    }
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

// ---------------------------------------------------------------------------
// The main walk

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Sync,
    Async,
    /// A closure given to `spawn_blocking`, `thread::spawn`...: blocking is fine.
    Offloaded,
}

#[derive(Debug, Clone)]
struct Frame {
    ctx: Ctx,
    /// The innermost named function.
    fn_name: Option<String>,
    /// `main`, or a test: when it returns, its runtime stops.
    is_entry: bool,
    loop_depth: usize,
    /// The `.await`s of this body: (line, column, is a mere sleep).
    awaits: Vec<(usize, usize, bool)>,
}

/// A blocking (or runtime-starting, or heavy) call, before we know whether
/// its function is called from async code.
#[derive(Debug, Clone)]
struct Event {
    id: &'static str,
    confidence: f32,
    line: usize,
    column: usize,
    detail: String,
}

struct Walker<'k> {
    know: &'k Knowledge,
    frames: Vec<Frame>,
    /// Addresses of the call expressions that are awaited.
    awaited: HashSet<usize>,
    spawned_blocks: HashSet<usize>,
    offloaded: HashSet<usize>,
    candidates: Vec<Candidate>,
    notes: Vec<Candidate>,
    /// Per sync fn: what blocking (or nested-runtime, heavy) things it does.
    summaries: HashMap<String, Vec<Event>>,
    /// Calls of local fns: (callee, caller fn, ctx, line, column).
    calls: Vec<(String, Option<String>, Ctx, usize, usize)>,
    /// Lock pairs seen while a guard was alive.
    lock_pairs: Vec<LockPair>,
    /// The parameter names of each local fn (`self` for a receiver); `None`
    /// when two fns of that name disagree.
    fn_params: HashMap<String, Option<Vec<String>>>,
    /// Calls of local fns and methods: the places passed (the receiver
    /// first for a method), as seen through aliases; `?` for anything else.
    call_sites: Vec<CallSite>,
}

/// A lock taken while another is held, in function `func`.
#[derive(Debug, Clone)]
struct LockPair {
    held: String,
    taken: String,
    line: usize,
    column: usize,
    func: Option<String>,
}

#[derive(Debug, Clone)]
struct CallSite {
    callee: String,
    args: Vec<String>,
    line: usize,
}

fn addr<T>(t: &T) -> usize {
    t as *const T as usize
}

impl<'k> Walker<'k> {
    fn new(know: &'k Knowledge) -> Self {
        Walker {
            know,
            frames: vec![Frame {
                ctx: Ctx::Sync,
                fn_name: None,
                is_entry: false,
                loop_depth: 0,
                awaits: Vec::new(),
            }],
            awaited: HashSet::new(),
            spawned_blocks: HashSet::new(),
            offloaded: HashSet::new(),
            candidates: Vec::new(),
            notes: Vec::new(),
            summaries: HashMap::new(),
            calls: Vec::new(),
            lock_pairs: Vec::new(),
            fn_params: HashMap::new(),
            call_sites: Vec::new(),
        }
    }

    fn frame(&self) -> &Frame {
        self.frames.last().expect("the root frame is never popped")
    }

    fn ctx(&self) -> Ctx {
        self.frame().ctx
    }

    fn add(
        &mut self,
        id: &'static str,
        confidence: f32,
        at: (usize, usize),
        detail: impl Into<String>,
    ) {
        self.candidates
            .push(Candidate::new(id, Evidence::Source, confidence, detail).at(at.0, at.1));
    }

    /// A blocking-ish event: a candidate now when in async code, or a
    /// summary of the enclosing sync fn for its async callers.
    fn event(&mut self, id: &'static str, confidence: f32, at: (usize, usize), detail: String) {
        match self.ctx() {
            Ctx::Async => self.add(id, confidence, at, format!("{detail}, inside async code")),
            Ctx::Sync => {
                if let Some(f) = self.frame().fn_name.clone() {
                    self.summaries.entry(f).or_default().push(Event {
                        id,
                        confidence,
                        line: at.0,
                        column: at.1,
                        detail,
                    });
                }
            }
            Ctx::Offloaded => {}
        }
    }

    fn body_awaits(&self, block: &Block) -> Vec<(usize, usize, bool)> {
        struct A<'a, 'k> {
            w: &'a Walker<'k>,
            out: Vec<(usize, usize, bool)>,
        }
        impl<'ast> Visit<'ast> for A<'_, '_> {
            fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
                let sleepy = match peel(&e.base) {
                    Expr::Call(c) => self.w.know.resolve_call(c).is_some_and(|p| {
                        p.ends_with("sleep")
                            || p.ends_with("sleep_until")
                            || p.ends_with("yield_now")
                    }),
                    _ => false,
                };
                let (l, c) = pos(e.span());
                self.out.push((l, c, sleepy));
                visit::visit_expr_await(self, e);
            }
            fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
            fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
                if c.asyncness.is_none() {
                    visit::visit_expr_closure(self, c);
                }
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                if is_awaiting_macro(m) {
                    let (l, c) = pos(m.path.span());
                    self.out.push((l, c, false));
                }
                for e in macro_exprs(m) {
                    self.visit_expr(&e);
                }
            }
        }
        let mut a = A {
            w: self,
            out: Vec::new(),
        };
        a.visit_block(block);
        a.out
    }

    fn enter_body(
        &mut self,
        ctx: Ctx,
        fn_name: Option<String>,
        is_entry: bool,
        block: Option<&Block>,
    ) {
        let awaits = block.map(|b| self.body_awaits(b)).unwrap_or_default();
        let fn_name = fn_name.or_else(|| self.frame().fn_name.clone());
        self.frames.push(Frame {
            ctx,
            fn_name,
            is_entry,
            loop_depth: 0,
            awaits,
        });
    }

    fn visit_fn(
        &mut self,
        name: String,
        sig: &syn::Signature,
        attrs: &[syn::Attribute],
        block: &Block,
        in_trait_impl: bool,
    ) {
        let tokio_attr = attrs.iter().find_map(|a| {
            let p = path_string(a.path());
            (p.starts_with("tokio::") || p == "test").then_some(p)
        });
        let is_test = attrs.iter().any(|a| last_segment(a.path()) == "test");
        let is_async = sig.asyncness.is_some();
        let is_entry = name == "main" || is_test;
        if is_async && tokio_attr.as_deref() == Some("tokio::main") && name != "main" {
            // A helper that starts a runtime of its own: calling it from async
            // code nests runtimes.
            let at = pos(sig.ident.span());
            self.summaries.entry(name.clone()).or_default().push(Event {
                id: "nested-runtime",
                confidence: 0.8,
                line: at.0,
                column: at.1,
                detail: format!("`{name}` starts a runtime of its own (`#[tokio::main]`)"),
            });
        }
        if is_async && name == "main" && tokio_attr.is_none() {
            self.add(
                "missing-runtime",
                0.85,
                pos(sig.fn_token.span()),
                "`async fn main` has no `#[tokio::main]`: nothing starts a runtime to drive it",
            );
        }
        if is_async {
            if !in_trait_impl && !contains_await_block(block) && name != "main" && !is_test {
                let at = pos(sig.ident.span());
                self.notes.push(
                    Candidate::new(
                        "async-fn-without-await",
                        Evidence::Source,
                        0.5,
                        format!("`async fn {name}` never awaits anything: it could be a plain fn (style, not a bug)"),
                    )
                    .at(at.0, at.1),
                );
            }
            self.check_recursion(&name, block);
        }
        let params: Vec<String> = sig
            .inputs
            .iter()
            .map(|a| match a {
                syn::FnArg::Receiver(_) => "self".to_string(),
                syn::FnArg::Typed(t) => match &*t.pat {
                    Pat::Ident(i) => i.ident.to_string(),
                    _ => "_".to_string(),
                },
            })
            .collect();
        match self.fn_params.get(&name) {
            Some(Some(before)) if *before != params => {
                self.fn_params.insert(name.clone(), None);
            }
            Some(_) => {}
            None => {
                self.fn_params.insert(name.clone(), Some(params));
            }
        }
        let ctx = if is_async { Ctx::Async } else { Ctx::Sync };
        self.enter_body(ctx, Some(name), is_entry, is_async.then_some(block));
        let spawned = is_async
            && self
                .know
                .spawned_fns
                .contains(self.frame().fn_name.as_deref().unwrap_or(""));
        // Sync fns too: a std lock taken twice, or two locks in an order.
        self.flow_body(block, spawned);
        self.visit_block(block);
        self.frames.pop();
    }

    fn check_recursion(&mut self, name: &str, block: &Block) {
        struct R<'a> {
            name: &'a str,
            boxed: usize,
            hits: Vec<(usize, usize)>,
        }
        impl<'ast> Visit<'ast> for R<'_> {
            fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
                let callee = match peel(&c.func) {
                    Expr::Path(p) => path_string(&p.path),
                    _ => String::new(),
                };
                let boxing = callee.ends_with("Box::pin") || callee.ends_with("Box::new");
                if boxing {
                    self.boxed += 1;
                }
                if (callee == self.name || callee == format!("Self::{}", self.name))
                    && self.boxed == 0
                {
                    self.hits.push(pos(c.span()));
                }
                visit::visit_expr_call(self, c);
                if boxing {
                    self.boxed -= 1;
                }
            }
            fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
                if m.method == "boxed" || m.method == "boxed_local" {
                    self.boxed += 1;
                    visit::visit_expr_method_call(self, m);
                    self.boxed -= 1;
                    return;
                }
                if m.method == self.name
                    && ident_of(&m.receiver).as_deref() == Some("self")
                    && self.boxed == 0
                {
                    self.hits.push(pos(m.span()));
                }
                visit::visit_expr_method_call(self, m);
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                for e in macro_exprs(m) {
                    self.visit_expr(&e);
                }
            }
        }
        let mut r = R {
            name,
            boxed: 0,
            hits: Vec::new(),
        };
        r.visit_block(block);
        if let Some(&at) = r.hits.first() {
            self.add(
                "recursive-async",
                0.8,
                at,
                format!("`async fn {name}` calls itself without a box in between"),
            );
        }
    }

    fn finish(mut self) -> SourceReport {
        // Follow calls from async code into sync helpers that block.
        for _ in 0..4 {
            let mut grew = false;
            for (callee, caller, ctx, _, _) in self.calls.clone() {
                if ctx != Ctx::Sync {
                    continue;
                }
                let (Some(caller), Some(events)) = (caller, self.summaries.get(&callee).cloned())
                else {
                    continue;
                };
                if caller == callee {
                    continue;
                }
                let entry = self.summaries.entry(caller).or_default();
                for ev in events {
                    if !entry.iter().any(|e| e.line == ev.line && e.id == ev.id) {
                        entry.push(ev);
                        grew = true;
                    }
                }
            }
            if !grew {
                break;
            }
        }
        let mut seen = HashSet::new();
        for (callee, _, ctx, line, column) in self.calls.clone() {
            if ctx != Ctx::Async || self.know.is_async_fn(&callee) {
                continue;
            }
            for ev in self.summaries.get(&callee).cloned().unwrap_or_default() {
                if seen.insert((ev.id, ev.line)) {
                    self.candidates.push(
                        Candidate::new(
                            ev.id,
                            Evidence::Source,
                            ev.confidence * 0.9,
                            format!(
                                "{} (line {}), and async code calls `{callee}` on line {line}",
                                ev.detail, ev.line
                            ),
                        )
                        .at(ev.line, ev.column.max(1)),
                    );
                    let _ = column;
                }
            }
        }
        self.lock_order();
        SourceReport {
            candidates: self.candidates,
            notes: self.notes,
            parsed: true,
        }
    }

    /// Two locks taken in opposite orders: written out in two tasks (seen
    /// through clones of the same `Arc`), or by one fn that locks its
    /// parameters in argument order and is called with the arguments
    /// swapped (`transfer(&a, &b)` and `transfer(&b, &a)`).
    fn lock_order(&mut self) {
        let know = self.know;
        let params = self.fn_params.clone();
        let is_param = |f: &Option<String>, place: &str| {
            let base = place.split('.').next().unwrap_or(place);
            f.as_ref()
                .and_then(|f| params.get(f).cloned().flatten())
                .is_some_and(|p| p.iter().any(|p| p == base))
        };
        let resolve = |f: &Option<String>, place: &str| {
            if is_param(f, place) {
                place.to_string()
            } else {
                know.resolve_place(f, place)
            }
        };
        let pairs: Vec<(String, String, &LockPair)> = self
            .lock_pairs
            .iter()
            .map(|p| (resolve(&p.func, &p.held), resolve(&p.func, &p.taken), p))
            .collect();
        let mut found = Vec::new();
        for (i, (a, b, p)) in pairs.iter().enumerate() {
            if a == b {
                continue;
            }
            if pairs[..i].iter().any(|(x, y, _)| x == b && y == a) {
                found.push((
                    0.7,
                    (p.line, p.column),
                    format!("`{b}` is locked while holding `{a}`, and elsewhere `{a}` while holding `{b}`: each task can wait for the other forever"),
                ));
            }
        }
        // One fn, two locks from two parameters.
        let mut seen = HashSet::new();
        for (a, b, p) in &pairs {
            let Some(func) = &p.func else { continue };
            let Some(Some(names)) = self.fn_params.get(func) else {
                continue;
            };
            let split = |place: &str| -> (String, String) {
                match place.split_once('.') {
                    Some((base, rest)) => (base.to_string(), rest.to_string()),
                    None => (place.to_string(), String::new()),
                }
            };
            let ((ra, fa), (rb, fb)) = (split(a), split(b));
            // The same lock of two different values: `from.cash`, `to.cash`.
            if fa != fb || ra == rb {
                continue;
            }
            let (Some(i), Some(j)) = (
                names.iter().position(|n| *n == ra),
                names.iter().position(|n| *n == rb),
            ) else {
                continue;
            };
            if !seen.insert(func.clone()) {
                continue;
            }
            let sites: Vec<&CallSite> = self
                .call_sites
                .iter()
                .filter(|c| c.callee == *func && c.args.len() == names.len())
                .collect();
            let swapped = sites.iter().enumerate().find_map(|(k, x)| {
                sites[k + 1..].iter().find_map(|y| {
                    let (xi, xj, yi, yj) = (&x.args[i], &x.args[j], &y.args[i], &y.args[j]);
                    let plain = ![xi, xj].iter().any(|s| s.contains('?'));
                    (plain && xi != xj && xi == yj && xj == yi).then_some((x, y))
                })
            });
            let (pa, pb) = (&names[i], &names[j]);
            let at = (p.line, p.column);
            if let Some((x, y)) = swapped {
                let lines = if x.line == y.line {
                    format!("both on line {}", x.line)
                } else {
                    format!("on lines {} and {}", x.line, y.line)
                };
                found.push((
                    0.7,
                    at,
                    format!(
                        "`{func}` locks `{a}` and, still holding it, `{b}`, and it is called with `{}` and `{}` in one order and in the other ({lines}): each call can hold one lock and wait forever for the other",
                        x.args[i], x.args[j]
                    ),
                ));
            } else if sites.len() >= 2 || sites.iter().any(|c| c.args[i].contains('?')) {
                found.push((
                    0.3,
                    at,
                    format!(
                        "`{func}` locks `{a}` and, still holding it, `{b}`, in the order of its parameters `{pa}` and `{pb}`: two calls with the values swapped can each hold one lock and wait for the other"
                    ),
                ));
            }
        }
        for (confidence, at, detail) in found {
            self.add("deadlock", confidence, at, detail);
        }
    }

    // -- statement-order rules, run on every block -------------------------

    fn block_rules(&mut self, block: &Block) {
        let stmts = &block.stmts;
        for (i, stmt) in stmts.iter().enumerate() {
            let rest = &stmts[i + 1..];
            match stmt {
                Stmt::Expr(e, Some(_)) => self.dropped_value(e, None, rest),
                Stmt::Local(l) => {
                    if let Some(init) = &l.init {
                        let e = peel(&init.expr);
                        if is_wild_let(l) {
                            self.dropped_value(e, Some("let _ ="), rest);
                        } else if let Some(name) = let_name(l) {
                            self.bound_value(&name, e, rest);
                        } else if let Pat::Tuple(t) = &l.pat {
                            self.channel_pair(t, e, rest);
                        }
                    }
                }
                _ => {}
            }
            self.ignored_join(stmt);
        }
        if self.ctx() == Ctx::Async {
            self.sequential(stmts);
        }
    }

    /// A value made and dropped in one statement.
    fn dropped_value(&mut self, e: &Expr, how: Option<&str>, rest: &[Stmt]) {
        let _ = rest;
        let at = pos(e.span());
        if self.know.is_future_expr(e) {
            let what = describe(e);
            let how = how.map(|h| format!(" with `{h}`")).unwrap_or_default();
            self.add(
                "unawaited-future",
                0.88,
                at,
                format!("`{what}` makes a future that is dropped{how} without being awaited, so its work never happens"),
            );
        } else if self.know.is_spawn_expr(e) && !self.is_joinset_spawn(e) {
            self.unjoined(
                at,
                "the task's `JoinHandle` is dropped at once".to_string(),
                Some(e),
            );
        }
    }

    fn is_joinset_spawn(&self, e: &Expr) -> bool {
        matches!(peel(e), Expr::MethodCall(m) if m.method == "spawn")
    }

    /// How sure that a task whose handle is dropped here is lost.
    fn unjoined(&mut self, at: (usize, usize), detail: String, spawned: Option<&Expr>) {
        if self.ctx() == Ctx::Offloaded {
            return;
        }
        // A producer that sends into a channel somebody drains is waited for
        // through that channel: its receiver only ends once the task (and
        // its sender) is gone. Dropping its handle is the usual way to
        // write it, not a lost task.
        let through_channel = spawned.is_some_and(|e| self.know.reports_through_channel(e));
        let frame = self.frame();
        let later: Vec<&(usize, usize, bool)> =
            frame.awaits.iter().filter(|a| (a.0, a.1) > at).collect();
        let real_wait_later = later.iter().any(|a| !a.2);
        let real_wait_anywhere = frame.awaits.iter().any(|a| !a.2);
        let mut confidence = if real_wait_later || (frame.loop_depth > 0 && real_wait_anywhere) {
            0.3
        } else if !later.is_empty() {
            0.5
        } else {
            0.85
        };
        let mut detail = detail;
        if !frame.is_entry {
            confidence *= 0.75;
        } else if confidence > 0.8 {
            detail.push_str(", and nothing waits for the task before the function returns");
        } else if confidence == 0.5 {
            detail.push_str(": sleeping afterwards only guesses how long the task needs");
        }
        if through_channel {
            confidence *= 0.4;
        }
        self.add("unjoined-task", confidence, at, detail);
    }

    /// `let name = <value>;` and what happens to `name` afterwards.
    fn bound_value(&mut self, name: &str, e: &Expr, rest: &[Stmt]) {
        let mut finder = UseFinder::new(name, self.know);
        finder.stmts(rest);
        let uses: Vec<Use> = finder.uses.iter().map(|u| u.0.clone()).collect();
        let at = pos(e.span());
        let consumed = |u: &Use| match u {
            Use::Dropped => false,
            Use::Method(m, _) => !matches!(
                m.as_str(),
                "len" | "is_empty" | "push" | "clear" | "capacity"
            ),
            _ => true,
        };
        if self.know.is_future_expr(e) {
            if !uses.iter().any(consumed) {
                let what = describe(e);
                self.add(
                    "unawaited-future",
                    0.82,
                    at,
                    format!("the future `{what}` is stored in `{name}` but never awaited, so its work never happens"),
                );
            }
            return;
        }
        if self.know.is_spawn_expr(e) && !self.is_joinset_spawn(e) {
            if !uses.iter().any(consumed) {
                self.unjoined(
                    at,
                    format!("the task's `JoinHandle` is kept in `{name}` but never awaited"),
                    Some(e),
                );
            }
            return;
        }
        // Collections of futures or of task handles.
        let m = mentions_expr(e);
        let pushed_futures = uses
            .iter()
            .any(|u| matches!(u, Use::Method(m, true) if m == "push" || m == "extend"));
        let collected = m.methods.contains("collect") || matches!(peel(e), Expr::Macro(_));
        let of_futures = collected && future_elements(e, self.know);
        let of_handles = collected && m.calls.iter().any(|c| self.know.is_spawn_expr_path(c));
        if (of_futures || of_handles || pushed_futures) && !uses.iter().any(consumed) {
            let handles = of_handles || self.know.handle_collections.contains(name);
            if handles {
                self.unjoined(
                    at,
                    format!("the tasks' `JoinHandle`s are collected in `{name}` but never awaited"),
                    Some(e),
                );
            } else {
                self.add(
                    "unawaited-future",
                    0.8,
                    at,
                    format!("the futures collected in `{name}` are never awaited or joined, so none of them runs"),
                );
            }
            return;
        }
        // A JoinSet that is never joined aborts its tasks when dropped.
        if let Expr::Call(c) = e {
            if self
                .know
                .resolve_call(c)
                .is_some_and(|p| p.ends_with("JoinSet::new"))
            {
                let joined = uses.iter().any(|u| match u {
                    Use::Method(m, _) => {
                        m.starts_with("join") || m == "shutdown" || m == "abort_all"
                    }
                    _ => u.moves(),
                });
                if !joined
                    && uses
                        .iter()
                        .any(|u| matches!(u, Use::Method(m, _) if m == "spawn"))
                {
                    self.unjoined(
                        at,
                        format!("tasks are spawned on the JoinSet `{name}`, which is never joined"),
                        None,
                    );
                }
            }
        }
    }

    /// `let (tx, rx) = channel(..)`: is a sender still alive where the
    /// receiver is drained?
    fn channel_pair(&mut self, t: &syn::PatTuple, e: &Expr, rest: &[Stmt]) {
        let Expr::Call(c) = e else { return };
        let Some(path) = self.know.resolve_call(c) else {
            return;
        };
        if t.elems.len() != 2 {
            return;
        }
        let (mut txs, mut rxs) = (Vec::new(), Vec::new());
        pat_idents(&t.elems[0], &mut txs);
        pat_idents(&t.elems[1], &mut rxs);
        let (Some(tx), Some(rx)) = (txs.pop(), rxs.pop()) else {
            return;
        };
        let oneshot = path.contains("oneshot");
        let is_channel = path.ends_with("channel")
            || path.ends_with("unbounded")
            || path.ends_with("sync_channel");
        if !is_channel || path.contains("watch") {
            return;
        }
        if path.ends_with("unbounded_channel") || path.ends_with("mpsc::unbounded") {
            self.unbounded(pos(c.span()), &tx, rest);
        }
        // Where is the receiver drained (or, for a oneshot, awaited)?
        for (j, stmt) in rest.iter().enumerate() {
            let wait = if oneshot {
                oneshot_wait(stmt, &rx, rest, j, self.know)
            } else {
                drain_point(stmt, &rx, rest, j, self.know)
            };
            let Some(at) = wait else { continue };
            let mut before = UseFinder::new(&tx, self.know);
            before.stmts(&rest[..j]);
            let moved = before.uses.iter().any(|u| u.0.moves());
            let sent = before
                .uses
                .iter()
                .any(|u| matches!(&u.0, Use::Method(m, _) if m == "send"));
            if moved {
                return;
            }
            if oneshot {
                if !sent {
                    let mut after = UseFinder::new(&tx, self.know);
                    after.stmts(&rest[j..]);
                    let later = if after
                        .uses
                        .iter()
                        .any(|u| matches!(&u.0, Use::Method(m, _) if m == "send"))
                    {
                        "it is only sent after the wait"
                    } else {
                        "nothing ever sends on it"
                    };
                    self.add(
                        "deadlock",
                        0.72,
                        at,
                        format!("this waits for the oneshot `{rx}`, but its sender `{tx}` is still here and {later}"),
                    );
                }
            } else {
                self.add(
                    "channel-never-closed",
                    0.8,
                    at,
                    format!("this loop waits for `{rx}` to close, but the sender `{tx}` is still alive in this scope, so it never does"),
                );
            }
            return;
        }
    }

    fn unbounded(&mut self, at: (usize, usize), tx: &str, rest: &[Stmt]) {
        // Sends from a loop without any wait in it are a producer with no brake.
        struct L<'a> {
            tx: &'a str,
            in_loop: usize,
            hit: bool,
        }
        impl<'ast> Visit<'ast> for L<'_> {
            fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
                if m.method == "send" && self.in_loop > 0 && ident_of(&m.receiver).is_some() {
                    let _ = self.tx;
                    self.hit = true;
                }
                visit::visit_expr_method_call(self, m);
            }
            fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
                self.in_loop += 1;
                visit::visit_expr_for_loop(self, f);
                self.in_loop -= 1;
            }
            fn visit_expr_while(&mut self, f: &'ast syn::ExprWhile) {
                self.in_loop += 1;
                visit::visit_expr_while(self, f);
                self.in_loop -= 1;
            }
            fn visit_expr_loop(&mut self, f: &'ast syn::ExprLoop) {
                self.in_loop += 1;
                visit::visit_expr_loop(self, f);
                self.in_loop -= 1;
            }
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                for e in macro_exprs(m) {
                    self.visit_expr(&e);
                }
            }
        }
        let mut l = L {
            tx,
            in_loop: 0,
            hit: false,
        };
        for s in rest {
            l.visit_stmt(s);
        }
        let confidence = if l.hit { 0.55 } else { 0.4 };
        self.add(
            "unbounded-backpressure",
            confidence,
            at,
            "an unbounded channel: nothing makes the producer wait when the consumer falls behind",
        );
    }

    /// `h.await;`, `let _ = h.await;`, `h.await.ok()`, `if let Ok(..) =
    /// h.await` without else: a task's result thrown away.
    fn ignored_join(&mut self, stmt: &Stmt) {
        let (e, discarded) = match stmt {
            Stmt::Expr(e, Some(_)) => (e, true),
            Stmt::Local(l) if is_wild_let(l) => match &l.init {
                Some(init) => (&*init.expr, true),
                None => return,
            },
            Stmt::Expr(e, None) => (e, false),
            _ => return,
        };
        let e = peel(e);
        let ignored_at = match e {
            Expr::Await(a) if discarded && self.is_join_expr(&a.base) => Some(pos(a.span())),
            Expr::MethodCall(m)
                if discarded
                    && matches!(
                        m.method.to_string().as_str(),
                        "ok" | "unwrap_or_default" | "unwrap_or" | "is_ok" | "is_err"
                    )
                    && matches!(peel(&m.receiver), Expr::Await(a) if self.is_join_expr(&a.base)) =>
            {
                Some(pos(m.span()))
            }
            Expr::If(i) if i.else_branch.is_none() => match &*i.cond {
                Expr::Let(l) if matches!(peel(&l.expr), Expr::Await(a) if self.is_join_expr(&a.base)) => {
                    Some(pos(i.span()))
                }
                _ => None,
            },
            Expr::While(w) => match &*w.cond {
                Expr::Let(l) => {
                    let joins = matches!(peel(&l.expr), Expr::Await(a) if matches!(peel(&a.base), Expr::MethodCall(m) if m.method == "join_next"));
                    let pat = quote_pat(&l.pat);
                    (joins && (pat.contains('_') || pat.contains("Ok"))).then(|| pos(w.span()))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(at) = ignored_at {
            let confidence = if self.know.tasks_can_panic { 0.78 } else { 0.5 };
            self.add(
                "ignored-task-panic",
                confidence,
                at,
                "the result of a spawned task is thrown away here: if the task panicked, nobody will know",
            );
        }
    }

    fn is_join_expr(&self, e: &Expr) -> bool {
        match peel(e) {
            Expr::Path(_) => ident_of(e)
                .is_some_and(|n| self.know.handle_names.contains(&n) || self.is_loop_handle(&n)),
            Expr::Call(c) => {
                self.know.is_spawn_expr(e)
                    || (self
                        .know
                        .resolve_call(c)
                        .is_some_and(|p| p.ends_with("join_all"))
                        && c.args.iter().any(|a| {
                            ident_of(a).is_some_and(|n| self.know.handle_collections.contains(&n))
                        }))
            }
            Expr::MethodCall(m) => m.method == "join_next" || m.method == "join_all",
            _ => false,
        }
    }

    fn is_loop_handle(&self, name: &str) -> bool {
        // `for h in handles { h.await; }`: recorded as the walk enters the loop.
        self.know.handle_names.contains(name)
    }

    /// Independent waits awaited one after another.
    fn sequential(&mut self, stmts: &[Stmt]) {
        let mut run: Vec<(usize, usize)> = Vec::new();
        let mut bound: HashSet<String> = HashSet::new();
        let mut best: Option<(usize, (usize, usize))> = None;
        for stmt in stmts {
            let (call, names) = match stmt {
                Stmt::Local(l) => {
                    let mut n = Vec::new();
                    pat_idents(&l.pat, &mut n);
                    (l.init.as_ref().map(|i| &*i.expr), n)
                }
                Stmt::Expr(e, Some(_)) => (Some(e), Vec::new()),
                _ => (None, Vec::new()),
            };
            let wait = call.and_then(|e| self.independent_wait(e, &bound));
            match wait {
                Some(at) => {
                    run.push(at);
                    bound.extend(names);
                    if run.len() >= 2 && best.is_none_or(|b| b.0 < run.len()) {
                        best = Some((run.len(), run[1]));
                    }
                }
                None => {
                    run.clear();
                    bound.clear();
                }
            }
        }
        if let Some((n, at)) = best {
            self.add(
                "sequential-awaits",
                0.3,
                at,
                format!(
                    "{n} independent waits are awaited one after another, so their times add up"
                ),
            );
        }
        // A loop over independent items that awaits the work of each item
        // before starting the next: `for x in items { f(x).await }`, also
        // `while let Some(x) = iter.next()`.
        for stmt in stmts {
            let (pat, body) = match stmt {
                Stmt::Expr(Expr::ForLoop(f), _) => (&*f.pat, &f.body),
                Stmt::Expr(Expr::While(w), _) => match &*w.cond {
                    Expr::Let(l) if is_iterator_step(&l.expr) => {
                        // A work list that the rounds refill is not a list
                        // of independent items.
                        let walked = match peel(&l.expr) {
                            Expr::MethodCall(m) => root_ident(&m.receiver),
                            _ => None,
                        };
                        if walked.is_some_and(|n| mentions_block(&w.body).idents.contains(&n)) {
                            continue;
                        }
                        (&*l.pat, &w.body)
                    }
                    _ => continue,
                },
                _ => continue,
            };
            if let Some(at) = self.loop_of_independent_waits(pat, body) {
                self.add(
                    "sequential-awaits",
                    0.3,
                    at,
                    "each round of this loop waits for its item's future before starting the next item, so the waits add up",
                );
            }
        }
    }

    /// Where a loop body awaits work on its item, when nothing carries from
    /// one round to the next: no `break`/`return` on a result, no value
    /// that one round computes and the next one passes on, no channel, lock
    /// or ticker that makes the rounds take turns on purpose.
    fn loop_of_independent_waits(&self, pat: &Pat, body: &Block) -> Option<(usize, usize)> {
        let mut item = Vec::new();
        pat_idents(pat, &mut item);
        let shape = LoopShape::of(body);
        if shape.exits || shape.awaits.is_empty() {
            return None;
        }
        // Values assigned in a round and declared outside the loop.
        let carried: HashSet<&String> = shape
            .assigned
            .iter()
            .filter(|n| !shape.declared.contains(*n) && !item.contains(n))
            .collect();
        let mut work = Vec::new();
        for base in &shape.awaits {
            match self.await_kind(base) {
                AwaitKind::Turns => return None,
                AwaitKind::Pause => {
                    // A pause of a fixed length paces the rounds; one that
                    // depends on the item stands for the item's work.
                    let m = mentions_expr(base);
                    if item.iter().any(|i| m.idents.contains(i)) {
                        work.push(base);
                    } else if shape.awaits.len() > 1 {
                        return None;
                    }
                }
                AwaitKind::Work => work.push(base),
                AwaitKind::Other => {
                    // An API we do not know, asked about this item.
                    let m = mentions_expr(base);
                    if item.iter().any(|i| m.idents.contains(i)) {
                        work.push(base);
                    }
                }
            }
        }
        let mut on_item = false;
        for base in &work {
            let m = mentions_expr(base);
            if m.idents.iter().any(|i| carried.contains(i)) || takes_mut_ref(base) {
                return None; // the rounds pass something on, or share one `&mut`
            }
            on_item |= item.iter().any(|i| m.idents.contains(i));
        }
        let first = work.first()?;
        (on_item || shape.awaits.len() == 1).then(|| pos(first.span()))
    }

    /// What an awaited expression is, for the loop rule.
    fn await_kind(&self, base: &Expr) -> AwaitKind {
        match peel(base) {
            Expr::Call(c) => {
                let Some(path) = self.know.resolve_call(c) else {
                    return AwaitKind::Other;
                };
                let last = path.rsplit("::").next().unwrap_or("");
                if path.ends_with("time::sleep") || path.ends_with("time::sleep_until") {
                    return AwaitKind::Pause;
                }
                if last == "yield_now" {
                    return AwaitKind::Turns;
                }
                if last == "timeout" {
                    return c
                        .args
                        .iter()
                        .nth(1)
                        .map_or(AwaitKind::Other, |f| self.await_kind(f));
                }
                let local = self.know.fns.contains_key(last)
                    && self
                        .know
                        .fn_is(last, |f| f.waits && (f.is_async || f.returns_future));
                if local || WORK_APIS.iter().any(|api| path.starts_with(api)) {
                    AwaitKind::Work
                } else {
                    AwaitKind::Other
                }
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                // A channel's send carries the item; a request's send does not.
                let sends = name.starts_with("send") && !m.args.is_empty();
                if sends || TURN_METHODS.contains(&name.as_str()) {
                    AwaitKind::Turns
                } else if self
                    .know
                    .fn_is(&name, |f| f.waits && (f.is_async || f.returns_future))
                {
                    AwaitKind::Work
                } else {
                    AwaitKind::Other
                }
            }
            // `handle.await`: joining what was started before.
            _ => AwaitKind::Turns,
        }
    }

    /// `f(x).await` (maybe `?`-ed, maybe an argument of `push`) where `f`
    /// is a local async fn that waits, or a sleep.
    fn waiting_call_in(&self, e: &Expr) -> Option<(usize, usize)> {
        let e = match peel(e) {
            Expr::Try(t) => peel(&t.expr),
            Expr::MethodCall(m) if m.method == "push" && m.args.len() == 1 => peel(&m.args[0]),
            other => other,
        };
        let e = match e {
            Expr::Try(t) => peel(&t.expr),
            other => other,
        };
        let Expr::Await(a) = e else { return None };
        let Expr::Call(c) = peel(&a.base) else {
            return None;
        };
        let path = self.know.resolve_call(c)?;
        let last = path.rsplit("::").next().unwrap_or("");
        let waits = (self.know.fns.contains_key(last)
            && self
                .know
                .fn_is(last, |f| f.waits && (f.is_async || f.returns_future)))
            || path.ends_with("time::sleep");
        waits.then(|| pos(a.span()))
    }

    fn independent_wait(&self, e: &Expr, bound: &HashSet<String>) -> Option<(usize, usize)> {
        let at = self.waiting_call_in(e)?;
        let m = mentions_expr(e);
        if m.idents.iter().any(|i| bound.contains(i)) {
            return None;
        }
        Some(at)
    }

    // -- the flow walk of one async body: guards and !Send values ----------

    fn flow_body(&mut self, block: &Block, spawned: bool) {
        let mut live = Vec::new();
        self.flow_block(block, &mut live, spawned);
    }

    fn flow_block(&mut self, block: &Block, live: &mut Vec<Live>, spawned: bool) {
        let mark = live.len();
        for stmt in &block.stmts {
            match stmt {
                Stmt::Local(l) => {
                    if let Some(init) = &l.init {
                        self.flow_expr(&init.expr, live, spawned);
                        if let Some((_, d)) = &init.diverge {
                            self.flow_expr(d, live, spawned);
                        }
                        let mut names = Vec::new();
                        pat_idents(&l.pat, &mut names);
                        if let Some(kind) = self.live_kind(&init.expr, &l.pat, live) {
                            let at = pos(l.span());
                            for name in names {
                                live.push(Live::new(&name, kind.clone(), at));
                            }
                        }
                    }
                }
                Stmt::Expr(e, _) => {
                    if let Expr::Call(c) = peel(e) {
                        let callee = match peel(&c.func) {
                            Expr::Path(p) => path_string(&p.path),
                            _ => String::new(),
                        };
                        if callee == "drop" || callee.ends_with("mem::drop") {
                            if let Some(n) = c.args.first().and_then(ident_of) {
                                if let Some(i) = live.iter().rposition(|l| l.name == n) {
                                    live.remove(i);
                                }
                                continue;
                            }
                        }
                    }
                    self.flow_expr(e, live, spawned);
                }
                Stmt::Macro(m) => {
                    for e in macro_exprs(&m.mac) {
                        self.flow_expr(&e, live, spawned);
                    }
                }
                Stmt::Item(_) => {}
            }
        }
        live.truncate(mark);
    }

    /// What a `let` binds, when it is worth following.
    fn live_kind(&self, init: &Expr, pat: &Pat, live: &[Live]) -> Option<LiveKind> {
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
        for t in ["Rc<", "RefCell<", "Cell<", "*const", "*mut"] {
            if typed.contains(t) {
                return Some(LiveKind::NonSend(t.trim_end_matches('<').to_string()));
            }
        }
        match peel(init) {
            Expr::Call(c) => {
                let p = self.know.resolve_call(c)?;
                for t in [
                    "Rc::new",
                    "Rc::clone",
                    "RefCell::new",
                    "Cell::new",
                    "rc::Rc::new",
                    "Rc::downgrade",
                ] {
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

    fn flow_expr(&mut self, e: &Expr, live: &mut Vec<Live>, spawned: bool) {
        match e {
            Expr::Await(a) => {
                self.flow_expr(&a.base, live, spawned);
                // Taking a lock that this task already holds.
                if let Expr::MethodCall(m) = peel(&a.base) {
                    if m.method == "lock" || m.method == "write" {
                        self.relock(&place_text(&m.receiver), live, pos(m.span()));
                    }
                }
                self.at_await(pos(a.span()), live, spawned);
            }
            Expr::Block(b) => self.flow_block(&b.block, live, spawned),
            Expr::Unsafe(b) => self.flow_block(&b.block, live, spawned),
            Expr::If(i) => {
                let mark = live.len();
                self.flow_cond(&i.cond, live, spawned);
                self.flow_block(&i.then_branch, live, spawned);
                if let Some((_, e)) = &i.else_branch {
                    self.flow_expr(e, live, spawned);
                }
                live.truncate(mark);
            }
            Expr::Match(m) => {
                let mark = live.len();
                self.flow_expr(&m.expr, live, spawned);
                if let Some((target, kind)) = temp_guard(&m.expr) {
                    live.push(Live::new(
                        "(a temporary guard)",
                        LiveKind::Guard { target, kind },
                        pos(m.expr.span()),
                    ));
                }
                for arm in &m.arms {
                    self.flow_expr(&arm.body, live, spawned);
                }
                live.truncate(mark);
            }
            Expr::While(w) => {
                let mark = live.len();
                self.flow_cond(&w.cond, live, spawned);
                self.flow_block(&w.body, live, spawned);
                live.truncate(mark);
            }
            Expr::ForLoop(f) => {
                self.flow_expr(&f.expr, live, spawned);
                self.flow_block(&f.body, live, spawned);
            }
            Expr::Loop(l) => self.flow_block(&l.body, live, spawned),
            Expr::Async(_) | Expr::Closure(_) => {}
            Expr::Macro(m) => {
                for e in macro_exprs(&m.mac) {
                    self.flow_expr(&e, live, spawned);
                }
            }
            Expr::MethodCall(m) => {
                self.flow_expr(&m.receiver, live, spawned);
                if let Some((target, kind)) = sync_guard(&m.receiver) {
                    // `m.lock().unwrap().push(x)`: taking a std lock twice.
                    self.relock(&target, live, pos(m.span()));
                    let mark = live.len();
                    live.push(Live::new(
                        "(a temporary guard)",
                        LiveKind::Guard { target, kind },
                        pos(m.span()),
                    ));
                    for a in &m.args {
                        self.flow_expr(a, live, spawned);
                    }
                    live.truncate(mark);
                } else {
                    if matches!(m.method.to_string().as_str(), "lock") && m.args.is_empty() {
                        // A std lock taken while holding another (the await case is
                        // handled above).
                        self.relock(&place_text(&m.receiver), live, pos(m.span()));
                    }
                    for a in &m.args {
                        self.flow_expr(a, live, spawned);
                    }
                }
            }
            _ => {
                for c in children(e) {
                    self.flow_expr(c, live, spawned);
                }
            }
        }
    }

    fn flow_cond(&mut self, cond: &Expr, live: &mut Vec<Live>, spawned: bool) {
        self.flow_expr(cond, live, spawned);
        if let Expr::Let(l) = cond {
            if let Some((target, kind)) = sync_guard(&l.expr).or_else(|| temp_guard(&l.expr)) {
                let mut names = Vec::new();
                pat_idents(&l.pat, &mut names);
                let name = names.pop().unwrap_or_else(|| "(a temporary guard)".into());
                live.push(Live::new(
                    &name,
                    LiveKind::Guard { target, kind },
                    pos(l.span()),
                ));
            }
        }
    }

    fn relock(&mut self, target: &str, live: &mut [Live], at: (usize, usize)) {
        if target == "?" {
            return;
        }
        for l in live.iter_mut() {
            let held = match &l.kind {
                LiveKind::Guard { target, .. } | LiveKind::AsyncGuard { target } => target.clone(),
                _ => continue,
            };
            if held == target && !l.relocked {
                l.relocked = true;
                self.candidates.push(
                    Candidate::new(
                        "deadlock",
                        Evidence::Source,
                        0.8,
                        format!(
                            "`{target}` is locked again while `{}` (line {}) still holds it",
                            l.name, l.line
                        ),
                    )
                    .at(at.0, at.1),
                );
            } else if held != target {
                self.lock_pairs.push(LockPair {
                    held,
                    taken: target.to_string(),
                    line: at.0,
                    column: at.1,
                    func: self.frame().fn_name.clone(),
                });
            }
        }
    }

    fn at_await(&mut self, at: (usize, usize), live: &mut [Live], spawned: bool) {
        for l in live.iter_mut() {
            if l.reported {
                continue;
            }
            match &l.kind {
                LiveKind::Guard { target, kind } => {
                    l.reported = true;
                    self.candidates.push(
                        Candidate::new(
                            "lock-across-await",
                            Evidence::Source,
                            0.85,
                            format!(
                                "`{}` ({kind} of `{target}`, line {}) is still alive at this `.await`",
                                l.name, l.line
                            ),
                        )
                        .at(at.0, at.1),
                    );
                }
                LiveKind::NonSend(ty) if spawned => {
                    l.reported = true;
                    self.candidates.push(
                        Candidate::new(
                            "non-send-across-await",
                            Evidence::Source,
                            0.8,
                            format!(
                                "`{}` (an `{ty}`, line {}) is alive across this `.await` in a spawned task",
                                l.name, l.line
                            ),
                        )
                        .at(at.0, at.1),
                    );
                }
                _ => {}
            }
        }
    }

    // -- calls --------------------------------------------------------------

    fn check_call(&mut self, c: &syn::ExprCall) {
        let Some(path) = self.know.resolve_call(c) else {
            return;
        };
        let at = pos(c.span());
        let awaited = self.awaited.contains(&addr(c));
        let last = path.rsplit("::").next().unwrap_or("").to_string();

        if self.know.fns.contains_key(&last)
            && (path == last || path.starts_with("Self::") || path.starts_with("self::"))
        {
            let fn_name = self.frame().fn_name.clone();
            self.calls
                .push((last.clone(), fn_name, self.ctx(), at.0, at.1));
        }

        if !awaited {
            if path == "std::thread::sleep" {
                self.event(
                    "blocking-in-async",
                    0.9,
                    at,
                    "`std::thread::sleep` stops the whole thread".into(),
                );
            } else if path.starts_with("std::fs::") {
                self.event(
                    "blocking-in-async",
                    0.65,
                    at,
                    format!("`{path}` is blocking file I/O"),
                );
            } else if path.starts_with("std::net::") {
                self.event(
                    "blocking-in-async",
                    0.65,
                    at,
                    format!("`{path}` is blocking network I/O"),
                );
            } else if path == "std::io::stdin" {
                self.event(
                    "blocking-in-async",
                    0.6,
                    at,
                    "reading `std::io::stdin` blocks the thread".into(),
                );
            } else if path.starts_with("reqwest::blocking") {
                self.event(
                    "blocking-in-async",
                    0.8,
                    at,
                    format!("`{path}` is a blocking HTTP call"),
                );
            }
        }
        if last == "block_on" && !path.starts_with("Self") {
            self.event(
                "nested-runtime",
                0.85,
                at,
                format!("`{path}` blocks on a future"),
            );
        }
        if path.ends_with("Runtime::new")
            || path.ends_with("Builder::new_current_thread")
            || path.ends_with("Builder::new_multi_thread")
        {
            self.event("nested-runtime", 0.75, at, "a new runtime is built".into());
        }
        // Tokio APIs that need a running runtime, in a program that starts none.
        let needs_runtime = [
            "tokio::spawn",
            "tokio::task::spawn",
            "tokio::time::sleep",
            "tokio::time::interval",
            "tokio::time::timeout",
            "tokio::time::sleep_until",
            "tokio::net::",
            "tokio::fs::",
            "tokio::signal::",
        ];
        if self.know.has_entry
            && !self.know.has_tokio_runtime
            && needs_runtime.iter().any(|p| path.starts_with(p))
        {
            self.add(
                "missing-runtime",
                0.7,
                at,
                format!(
                    "`{path}` needs a running tokio runtime, and this program never starts one"
                ),
            );
        }
        // Heavy recursion (`fib(40)`) called from async code.
        if self.ctx() == Ctx::Async && self.know.fn_is(&last, |f| !f.is_async) {
            if let Some(n) = c.args.first().and_then(|a| int_value(a, &self.know.consts)) {
                if n >= 25 && self.recursive_twice(&last) {
                    self.add(
                        "cpu-hog",
                        0.65,
                        at,
                        format!("`{last}({n})` is a long recursive computation with no `.await`, inside async code"),
                    );
                }
            }
        }
    }

    fn recursive_twice(&self, name: &str) -> bool {
        self.know.self_calls.get(name).copied().unwrap_or(0) >= 2
    }

    fn check_method(&mut self, m: &syn::ExprMethodCall) {
        let at = pos(m.span());
        let name = m.method.to_string();
        let awaited = self.awaited.contains(&addr(m));
        if name == "block_on" {
            self.event(
                "nested-runtime",
                0.85,
                at,
                "`block_on` blocks on a future".into(),
            );
        }
        if self.know.fns.contains_key(&name) && ident_of(&m.receiver).as_deref() == Some("self") {
            let fn_name = self.frame().fn_name.clone();
            self.calls
                .push((name.clone(), fn_name, self.ctx(), at.0, at.1));
        }
        if awaited {
            return;
        }
        match name.as_str() {
            "recv" | "recv_timeout"
                if ident_of(&m.receiver).is_some_and(|r| self.know.std_receivers.contains(&r)) =>
            {
                self.event(
                    "blocking-in-async",
                    0.8,
                    at,
                    "`recv` on a `std::sync::mpsc` receiver blocks the thread until a message comes".into(),
                );
            }
            "join" if m.args.is_empty() && self.know.uses_thread_spawn => {
                self.event(
                    "blocking-in-async",
                    0.75,
                    at,
                    "joining a thread blocks until it ends".into(),
                );
            }
            "blocking_recv" | "blocking_send" | "blocking_lock" | "blocking_read"
            | "blocking_write" => {
                self.event(
                    "blocking-in-async",
                    0.85,
                    at,
                    format!("`{name}` blocks the thread"),
                );
            }
            _ => {}
        }
    }

    fn check_loop(
        &mut self,
        body: &Block,
        head: Option<&Expr>,
        span: proc_macro2::Span,
        kind: LoopKind,
    ) {
        if self.ctx() == Ctx::Offloaded || contains_await_block(body) {
            return;
        }
        let inside = mentions_block(body);
        if inside.methods.contains("spawn") || inside.calls.iter().any(|c| c.ends_with("spawn")) {
            return; // a loop that starts tasks is quick; see `spawn_per_item`
        }
        let at = pos(span);
        let consts = &self.know.consts;
        let mut detail = None;
        let mut confidence = 0.0;
        match kind {
            LoopKind::For => {
                let outer = head.and_then(|h| range_len(h, consts)).unwrap_or(1);
                let inner = max_inner_range(body, consts).unwrap_or(1);
                let total = outer.saturating_mul(inner);
                if total >= 1_000_000 {
                    confidence = 0.65;
                    detail = Some(format!("a loop of about {total} rounds with no `.await`"));
                } else if head.is_some_and(|h| range_len(h, consts).is_none())
                    && !body.stmts.is_empty()
                {
                    // `0..limit`: its size is not written down; only a run
                    // that shows a starved loop makes it the suspect.
                    confidence = 0.3;
                    detail =
                        Some("a loop over a range of unknown size with no `.await`".to_string());
                }
            }
            LoopKind::While => {
                let m = head.map(mentions_expr).unwrap_or_default();
                if (m.idents.contains("Instant")
                    || m.methods.contains("elapsed")
                    || m.methods.contains("load"))
                    && body.stmts.len() <= 2
                {
                    confidence = 0.75;
                    detail = Some("a busy-wait loop that spins without `.await`".to_string());
                }
            }
            LoopKind::Loop => {
                let m = mentions_block(body);
                let breaks = has_break(body);
                if !breaks && !m.macros.contains("panic") {
                    confidence = 0.7;
                    detail = Some("a loop that never ends and never awaits".to_string());
                } else if m.idents.contains("Instant")
                    || m.methods.contains("elapsed")
                    || m.methods.contains("load")
                {
                    confidence = 0.7;
                    detail = Some("a busy-wait loop that spins without `.await`".to_string());
                }
            }
        }
        if let Some(detail) = detail {
            self.event("cpu-hog", confidence, at, detail);
        }
        // Iterator chains over huge ranges are loops too.
    }
}

/// Awaits in a loop body, for the sequential-awaits loop rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum AwaitKind {
    /// Work on something: a local async fn that waits, a known I/O call.
    Work,
    /// A sleep: pacing, or a stand-in for work.
    Pause,
    /// A channel, a lock, a ticker, a join: rounds take turns on purpose.
    Turns,
    /// Anything else.
    Other,
}

/// Async APIs that do a piece of independent work.
const WORK_APIS: &[&str] = &[
    "tokio::fs::",
    "tokio::net::lookup_host",
    "tokio::net::TcpStream::connect",
    "reqwest::get",
    "tokio::process::",
];

/// Awaited methods that make the rounds of a loop take turns on purpose.
const TURN_METHODS: &[&str] = &[
    "recv",
    "recv_many",
    "next",
    "try_next",
    "lock",
    "write",
    "read",
    "acquire",
    "acquire_owned",
    "tick",
    "notified",
    "changed",
    "join_next",
    "readable",
    "writable",
    "reserve",
    "flush",
    "write_all",
    "read_exact",
    "read_line",
    "accept",
    "wait",
];

/// What a loop body does, seen from outside its nested async blocks and
/// closures.
#[derive(Default)]
struct LoopShape<'a> {
    awaits: Vec<&'a Expr>,
    /// Names assigned (`x = ..`, `x += ..`).
    assigned: HashSet<String>,
    /// Names bound by `let` inside the body.
    declared: HashSet<String>,
    /// A `break` or `return`: a round's result decides whether to go on.
    exits: bool,
}

impl<'a> LoopShape<'a> {
    fn of(body: &'a Block) -> Self {
        let mut s = LoopShape::default();
        s.visit_block(body);
        s
    }
}

impl<'a> Visit<'a> for LoopShape<'a> {
    fn visit_expr_await(&mut self, e: &'a syn::ExprAwait) {
        self.awaits.push(&e.base);
        visit::visit_expr_await(self, e);
    }
    fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
        if let Some(n) = root_ident(&a.left) {
            self.assigned.insert(n);
        }
        visit::visit_expr_assign(self, a);
    }
    fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
        use syn::BinOp::*;
        if matches!(
            b.op,
            AddAssign(_)
                | SubAssign(_)
                | MulAssign(_)
                | DivAssign(_)
                | RemAssign(_)
                | BitOrAssign(_)
                | BitAndAssign(_)
                | BitXorAssign(_)
                | ShlAssign(_)
                | ShrAssign(_)
        ) {
            if let Some(n) = root_ident(&b.left) {
                self.assigned.insert(n);
            }
        }
        visit::visit_expr_binary(self, b);
    }
    fn visit_local(&mut self, l: &'a Local) {
        let mut names = Vec::new();
        pat_idents(&l.pat, &mut names);
        self.declared.extend(names);
        visit::visit_local(self, l);
    }
    fn visit_expr_break(&mut self, b: &'a syn::ExprBreak) {
        self.exits = true;
        visit::visit_expr_break(self, b);
    }
    fn visit_expr_return(&mut self, r: &'a syn::ExprReturn) {
        self.exits = true;
        visit::visit_expr_return(self, r);
    }
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// `x` in `x`, `x.field`, `x[i]`, `*x`.
fn root_ident(e: &Expr) -> Option<String> {
    match peel(e) {
        Expr::Field(f) => root_ident(&f.base),
        Expr::Index(i) => root_ident(&i.expr),
        Expr::Unary(u) => root_ident(&u.expr),
        other => ident_of(other),
    }
}

/// Passes a `&mut` (one connection, one buffer shared by every round).
fn takes_mut_ref(e: &Expr) -> bool {
    let args: Vec<&Expr> = match peel(e) {
        Expr::Call(c) => c.args.iter().collect(),
        Expr::MethodCall(m) => m.args.iter().collect(),
        _ => return false,
    };
    args.iter()
        .any(|a| matches!(peel(a), Expr::Reference(r) if r.mutability.is_some()))
}

/// `iter.next()` (no `.await`), `queue.pop()`, `queue.pop_front()`: a
/// `while let` that walks the items of a collection.
fn is_iterator_step(e: &Expr) -> bool {
    matches!(peel(e), Expr::MethodCall(m)
        if m.args.is_empty() && matches!(m.method.to_string().as_str(), "next" | "pop" | "pop_front"))
}

#[derive(Clone, Copy)]
enum LoopKind {
    For,
    While,
    Loop,
}

fn has_break(b: &Block) -> bool {
    struct B(bool);
    impl<'ast> Visit<'ast> for B {
        fn visit_expr_break(&mut self, _: &'ast syn::ExprBreak) {
            self.0 = true;
        }
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        fn visit_expr_try(&mut self, t: &'ast syn::ExprTry) {
            self.0 = true;
            visit::visit_expr_try(self, t);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            if last_segment(&m.path) == "select" {
                self.0 = true;
            }
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
    }
    let mut v = B(false);
    v.visit_block(b);
    v.0
}

fn max_inner_range(b: &Block, consts: &HashMap<String, u128>) -> Option<u128> {
    struct I<'a> {
        consts: &'a HashMap<String, u128>,
        best: Option<u128>,
    }
    impl<'ast> Visit<'ast> for I<'_> {
        fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
            if let Some(n) = range_len(&f.expr, self.consts) {
                let inner = max_inner_range(&f.body, self.consts).unwrap_or(1);
                let total = n.saturating_mul(inner);
                self.best = Some(self.best.map_or(total, |b| b.max(total)));
            }
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if let Some(n) = range_len(&m.receiver, self.consts) {
                self.best = Some(self.best.map_or(n, |b| b.max(n)));
            }
            visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    }
    let mut v = I { consts, best: None };
    v.visit_block(b);
    v.best
}

fn quote_pat(p: &Pat) -> String {
    p.span().source_text().unwrap_or_default()
}

/// A short text for a call, as the learner wrote it.
fn describe(e: &Expr) -> String {
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

/// Do the elements of this collection look like futures?
fn future_elements(e: &Expr, know: &Knowledge) -> bool {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match peel(e) {
            Expr::MethodCall(m) => {
                if m.method == "map" || m.method == "then" {
                    if let Some(Expr::Closure(c)) = m.args.first().map(peel) {
                        if c.asyncness.is_some() || know.is_future_expr(&c.body) {
                            return true;
                        }
                    }
                }
                stack.push(&m.receiver);
            }
            Expr::Macro(mac) => {
                return macro_exprs(&mac.mac).iter().any(|x| know.is_future_expr(x));
            }
            _ => {}
        }
    }
    false
}

impl Knowledge {
    fn is_spawn_expr_path(&self, path: &str) -> bool {
        let resolved = match self
            .imports
            .names
            .get(path.split("::").next().unwrap_or(""))
        {
            Some(full) if !path.contains("::") => full.clone(),
            _ => path.to_string(),
        };
        // A bare `spawn` that no `use` brings from tokio is the program's
        // own (a hand-written executor), not tokio's.
        Knowledge::is_spawn_path(&resolved) || resolved.ends_with("task::spawn_blocking")
    }
}

/// `m.lock().unwrap()`, `m.lock().expect(..)`, `cell.borrow_mut()`...: the
/// locked place and the kind of guard, when an expression *is* a std guard.
fn sync_guard(e: &Expr) -> Option<(String, &'static str)> {
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
        "borrow_mut" | "borrow" => Some((place_text(&m.receiver), "a `RefCell` borrow")),
        _ => None,
    }
}

/// A std guard made as a temporary inside a larger expression (`match
/// m.lock().unwrap().get(..)`): temporaries of a `match` scrutinee live
/// through the whole `match`.
fn temp_guard(e: &Expr) -> Option<(String, &'static str)> {
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

/// Where a statement waits for the oneshot `rx`: `rx.await`, or the handle
/// of a task that awaits it.
fn oneshot_wait(
    stmt: &Stmt,
    rx: &str,
    rest: &[Stmt],
    j: usize,
    know: &Knowledge,
) -> Option<(usize, usize)> {
    let mut f = UseFinder::new(rx, know);
    f.visit_stmt(stmt);
    if let Some((_, line)) = f.uses.iter().find(|u| u.0 == Use::Awaited) {
        return Some((*line, 1));
    }
    // `let h = spawn(async move { rx.await .. })` then `h.await`
    if f.uses.iter().any(|u| u.0 == Use::Captured) {
        if let Stmt::Local(l) = stmt {
            if let Some(h) = let_name(l) {
                let mut later = UseFinder::new(&h, know);
                later.stmts(&rest[j + 1..]);
                if let Some((_, line)) = later.uses.iter().find(|u| u.0 == Use::Awaited) {
                    return Some((*line, 1));
                }
            }
        }
    }
    None
}

/// Where a statement waits for the receiver `rx` to be drained: a receive
/// loop right here, a local fn that drains it, or a task that drains it and
/// whose handle is awaited later.
fn drain_point(
    stmt: &Stmt,
    rx: &str,
    rest: &[Stmt],
    j: usize,
    know: &Knowledge,
) -> Option<(usize, usize)> {
    let block = Block {
        brace_token: Default::default(),
        stmts: vec![stmt.clone()],
    };
    let mut d = DrainFinder {
        name: Some(rx),
        found: None,
    };
    d.visit_block(&block);
    if let Some(at) = d.found {
        return Some(at);
    }
    let mut f = UseFinder::new(rx, know);
    f.visit_stmt(stmt);
    for (u, line) in &f.uses {
        if let Use::Arg(callee) = u {
            let last = callee.rsplit("::").next().unwrap_or("");
            if know.fn_is(last, |f| f.drains) {
                let awaited = contains_await_stmt(stmt);
                if awaited {
                    return Some((*line, 1));
                }
                if let Stmt::Local(l) = stmt {
                    if let Some(h) = let_name(l) {
                        let mut later = UseFinder::new(&h, know);
                        later.stmts(&rest[j + 1..]);
                        if let Some((_, line)) = later.uses.iter().find(|u| u.0 == Use::Awaited) {
                            return Some((*line, 1));
                        }
                    }
                }
            }
        }
        if *u == Use::Captured {
            // A task that drains the receiver, awaited later.
            let drains = stmt_async_blocks(stmt)
                .iter()
                .any(|b| has_drain_loop(b, Some(rx)));
            if drains {
                if let Stmt::Local(l) = stmt {
                    if let Some(h) = let_name(l) {
                        let mut later = UseFinder::new(&h, know);
                        later.stmts(&rest[j + 1..]);
                        if let Some((_, line)) = later
                            .uses
                            .iter()
                            .find(|u| matches!(u.0, Use::Awaited | Use::Arg(_)))
                        {
                            return Some((*line, 1));
                        }
                    }
                }
            }
        }
    }
    None
}

fn contains_await_stmt(s: &Stmt) -> bool {
    let mut f = AwaitFinder::default();
    f.visit_stmt(s);
    f.found
}

fn stmt_async_blocks(s: &Stmt) -> Vec<Block> {
    struct A(Vec<Block>);
    impl<'ast> Visit<'ast> for A {
        fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
            self.0.push(a.block.clone());
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            for e in macro_exprs(m) {
                self.visit_expr(&e);
            }
        }
    }
    let mut a = A(Vec::new());
    a.visit_stmt(s);
    a.0
}

#[derive(Debug, Clone)]
enum LiveKind {
    /// A std `MutexGuard`, `RwLock` guard or `RefCell` borrow.
    Guard { target: String, kind: &'static str },
    /// A tokio guard: fine across `.await`, but not taken twice.
    AsyncGuard { target: String },
    /// `Rc`, `RefCell`, `Cell`, a raw pointer.
    NonSend(String),
}

#[derive(Debug, Clone)]
struct Live {
    name: String,
    kind: LiveKind,
    line: usize,
    reported: bool,
    relocked: bool,
}

impl Live {
    fn new(name: &str, kind: LiveKind, at: (usize, usize)) -> Self {
        Live {
            name: name.to_string(),
            kind,
            line: at.0,
            reported: false,
            relocked: false,
        }
    }
}

// ---------------------------------------------------------------------------
// The walk itself

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_item_fn(&mut self, f: &'ast ItemFn) {
        self.visit_fn(f.sig.ident.to_string(), &f.sig, &f.attrs, &f.block, false);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let trait_name = i.trait_.as_ref().map(|(_, p, _)| last_segment(p));
        if matches!(trait_name.as_deref(), Some("Future") | Some("Stream")) {
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    if f.sig.ident == "poll" || f.sig.ident == "poll_next" {
                        self.lost_wakeup(f);
                    }
                }
            }
        }
        if matches!(trait_name.as_deref(), Some("Wake") | Some("ArcWake")) {
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    if f.sig.ident.to_string().starts_with("wake") && f.block.stmts.is_empty() {
                        self.add(
                            "lost-wakeup",
                            0.7,
                            pos(f.sig.ident.span()),
                            "this waker does nothing when woken, so a pending task is never put back in the queue",
                        );
                    }
                }
            }
        }
        for item in &i.items {
            if let syn::ImplItem::Fn(f) = item {
                self.visit_fn(
                    f.sig.ident.to_string(),
                    &f.sig,
                    &f.attrs,
                    &f.block,
                    trait_name.is_some(),
                );
            } else {
                self.visit_impl_item(item);
            }
        }
    }

    fn visit_block(&mut self, b: &'ast Block) {
        self.block_rules(b);
        visit::visit_block(self, b);
    }

    fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
        match peel(&e.base) {
            Expr::Call(c) => {
                self.awaited.insert(addr(c));
            }
            Expr::MethodCall(m) => {
                self.awaited.insert(addr(m));
            }
            _ => {}
        }
        if self.ctx() != Ctx::Async {
            let at = pos(e.span());
            self.add(
                "await-outside-async",
                0.7,
                at,
                "`.await` in code that is not async",
            );
        }
        visit::visit_expr_await(self, e);
    }

    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        let spawned = self.spawned_blocks.contains(&addr(a));
        let is_entry = self.frame().is_entry && !spawned;
        self.enter_body(Ctx::Async, None, is_entry, Some(&a.block));
        self.flow_body(&a.block, spawned);
        visit::visit_expr_async(self, a);
        self.frames.pop();
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        let ctx = if c.asyncness.is_some() {
            Ctx::Async
        } else if self.offloaded.contains(&addr(c)) {
            Ctx::Offloaded
        } else {
            self.ctx()
        };
        let is_entry = self.frame().is_entry;
        if ctx == Ctx::Async {
            let block = match &*c.body {
                Expr::Block(b) => Some(&b.block),
                _ => None,
            };
            self.enter_body(ctx, None, is_entry, block);
            if let Some(b) = block {
                self.flow_body(b, false);
            }
        } else {
            self.enter_body(ctx, None, is_entry, None);
            let awaits = self.frames[self.frames.len() - 2].awaits.clone();
            self.frames.last_mut().expect("just pushed").awaits = awaits;
        }
        visit::visit_expr_closure(self, c);
        self.frames.pop();
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        let path = self.know.resolve_call(c).unwrap_or_default();
        let offloading = path.ends_with("spawn_blocking")
            || path.ends_with("block_in_place")
            || path == "std::thread::spawn"
            || path.ends_with("thread::spawn")
            || path.ends_with("thread::scope");
        for a in &c.args {
            match peel(a) {
                Expr::Closure(cl) if offloading => {
                    self.offloaded.insert(addr(cl));
                }
                Expr::Async(ab) if self.know.is_spawn_expr(&Expr::Call(c.clone())) => {
                    self.spawned_blocks.insert(addr(ab));
                }
                _ => {}
            }
        }
        self.check_call(c);
        if let Expr::Path(p) = peel(&c.func) {
            let callee = last_segment(&p.path);
            let local = p.path.segments.len() == 1
                || matches!(
                    path_string(&p.path).split("::").next(),
                    Some("Self" | "self")
                );
            if local && self.know.fns.contains_key(&callee) {
                let args = c.args.iter().map(|a| self.arg_place(a)).collect();
                self.call_sites.push(CallSite {
                    callee,
                    args,
                    line: pos(c.span()).0,
                });
            }
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if m.method == "spawn" {
            for a in &m.args {
                match peel(a) {
                    Expr::Async(ab) => {
                        self.spawned_blocks.insert(addr(ab));
                    }
                    Expr::Closure(cl) => {
                        // `thread::Builder::new().spawn(|| ..)`, `scope.spawn(|| ..)`
                        self.offloaded.insert(addr(cl));
                    }
                    _ => {}
                }
            }
        }
        self.check_method(m);
        let method = m.method.to_string();
        if self.know.fns.contains_key(&method) {
            let args = std::iter::once(&*m.receiver)
                .chain(m.args.iter())
                .map(|a| self.arg_place(a))
                .collect();
            self.call_sites.push(CallSite {
                callee: method,
                args,
                line: pos(m.span()).0,
            });
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.check_loop(&f.body, Some(&f.expr), f.span(), LoopKind::For);
        self.spawn_per_item(&f.body, range_len(&f.expr, &self.know.consts), f.span());
        self.visit_expr(&f.expr);
        self.frames.last_mut().expect("frame").loop_depth += 1;
        self.visit_block(&f.body);
        self.frames.last_mut().expect("frame").loop_depth -= 1;
    }

    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        self.check_loop(&w.body, Some(&w.cond), w.span(), LoopKind::While);
        self.visit_expr(&w.cond);
        self.frames.last_mut().expect("frame").loop_depth += 1;
        self.visit_block(&w.body);
        self.frames.last_mut().expect("frame").loop_depth -= 1;
    }

    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        self.check_loop(&l.body, None, l.span(), LoopKind::Loop);
        self.spawn_per_item(&l.body, Some(u128::MAX), l.span());
        self.frames.last_mut().expect("frame").loop_depth += 1;
        self.visit_block(&l.body);
        self.frames.last_mut().expect("frame").loop_depth -= 1;
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = last_segment(&m.path);
        if name == "select" {
            let in_loop = self.frame().loop_depth > 0;
            for (future, body) in select_branches(&m.tokens) {
                if in_loop && self.ctx() == Ctx::Async {
                    if let Some(why) = self.cancel_unsafe(&future) {
                        self.add(
                            "cancel-unsafe-select",
                            0.72,
                            pos(future.span()),
                            format!("in a loop, `select!` drops {why} whenever another branch wins, losing what it had done"),
                        );
                    }
                }
                self.visit_expr(&future);
                self.visit_expr(&body);
            }
            return;
        }
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
    }

    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        self.visit_macro(&m.mac);
    }
}

impl Walker<'_> {
    /// The place an argument passes, seen through the aliases of the
    /// function it is written in; `?` when it is not a place.
    fn arg_place(&self, e: &Expr) -> String {
        let place = alias_source(e).unwrap_or_else(|| "?".to_string());
        if place.contains('?') {
            return place;
        }
        self.know.resolve_place(&self.frame().fn_name, &place)
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

    /// A task spawned for every item of a big (or endless) loop, with no
    /// limit on how many run at once.
    fn spawn_per_item(&mut self, body: &Block, rounds: Option<u128>, span: proc_macro2::Span) {
        if self.ctx() != Ctx::Async
            || self.know.limits_concurrency
            || rounds.is_some_and(|n| n < 1000)
        {
            return;
        }
        // A loop of unknown length (over a list given by the caller) is a
        // suspect only when a run shows too many at once.
        let confidence = if rounds.is_some() { 0.45 } else { 0.35 };
        let m = mentions_block(body);
        let spawns =
            m.calls.iter().any(|c| self.know.is_spawn_expr_path(c)) || m.methods.contains("spawn");
        if spawns {
            self.add(
                "unbounded-backpressure",
                confidence,
                pos(span),
                "a task is spawned for every item, with nothing limiting how many run at once",
            );
        }
    }

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
                "lost-wakeup",
                0.85,
                at,
                format!(
                    "`{}` returns `Poll::Pending` but never touches the context's waker",
                    f.sig.ident
                ),
            );
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(src: &str) -> Vec<&'static str> {
        let r = analyze(src);
        assert!(r.parsed, "the test source must parse");
        r.candidates
            .iter()
            .filter(|c| c.confidence >= 0.4)
            .map(|c| c.id)
            .collect()
    }

    fn top(src: &str) -> Option<&'static str> {
        let r = analyze(src);
        r.candidates
            .iter()
            .filter(|c| c.confidence >= 0.4)
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
            .map(|c| c.id)
    }

    #[test]
    fn thread_sleep_in_async_fn_but_not_in_spawn_blocking() {
        let bad = "async fn serve() { std::thread::sleep(std::time::Duration::from_millis(5)); }";
        assert_eq!(top(bad), Some("blocking-in-async"));
        let fine = "async fn serve() { tokio::task::spawn_blocking(|| std::thread::sleep(std::time::Duration::from_millis(5))).await.unwrap(); }";
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
        let sync = "fn main() { std::thread::sleep(std::time::Duration::from_millis(5)); }";
        assert!(ids(sync).is_empty());
    }

    #[test]
    fn imported_sleep_is_resolved() {
        let bad = "use std::thread::sleep;\nasync fn tick() { sleep(std::time::Duration::from_secs(1)); }";
        assert_eq!(top(bad), Some("blocking-in-async"));
        let fine = "use tokio::time::sleep;\nasync fn tick() { sleep(std::time::Duration::from_secs(1)).await; }";
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn blocking_two_calls_deep() {
        let bad = r#"
            fn load() -> String { std::fs::read_to_string("x").unwrap() }
            fn prepare() -> String { load() }
            async fn handler() -> usize { prepare().len() }
        "#;
        assert_eq!(top(bad), Some("blocking-in-async"));
    }

    #[test]
    fn guard_across_await() {
        let bad = r#"
            async fn bump(m: &std::sync::Mutex<u32>) {
                let mut g = m.lock().unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                *g += 1;
            }
        "#;
        assert_eq!(top(bad), Some("lock-across-await"));
        let fine = r#"
            async fn bump(m: &std::sync::Mutex<u32>) {
                {
                    let mut g = m.lock().unwrap();
                    *g += 1;
                }
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                let n = *m.lock().unwrap();
                let g = m.lock().unwrap();
                drop(g);
                tokio::time::sleep(std::time::Duration::from_millis(n)).await;
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn rc_across_await_only_matters_in_spawned_tasks() {
        let bad = r#"
            async fn work() {
                let shared = std::rc::Rc::new(5);
                tokio::task::yield_now().await;
                println!("{shared}");
            }
            #[tokio::main]
            async fn main() { tokio::spawn(work()).await.unwrap(); }
        "#;
        assert_eq!(top(bad), Some("non-send-across-await"));
        let fine = r#"
            use std::rc::Rc;
            #[tokio::main]
            async fn main() {
                let shared = Rc::new(5);
                tokio::task::yield_now().await;
                println!("{shared}");
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn futures_never_awaited() {
        let bad = r#"
            async fn save(x: u32) {}
            #[tokio::main]
            async fn main() {
                save(1);
                let _ = save(2);
                let later = save(3);
                let all: Vec<_> = (0..3).map(|i| save(i)).collect();
                println!("{}", all.len());
            }
        "#;
        let found = ids(bad);
        assert_eq!(
            found.iter().filter(|i| **i == "unawaited-future").count(),
            4,
            "{found:?}"
        );
        let fine = r#"
            async fn save(x: u32) {}
            #[tokio::main]
            async fn main() {
                save(1).await;
                let later = save(3);
                later.await;
                let all: Vec<_> = (0..3).map(|i| save(i)).collect();
                futures::future::join_all(all).await;
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn spawned_and_dropped_tasks() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                for i in 0..3 {
                    tokio::spawn(async move { println!("{i}"); });
                }
            }
        "#;
        assert_eq!(top(bad), Some("unjoined-task"));
        let fine = r#"
            #[tokio::main]
            async fn main() {
                let (tx, mut rx) = tokio::sync::mpsc::channel(8);
                tokio::spawn(async move { tx.send(1).await.unwrap(); });
                while let Some(v) = rx.recv().await { println!("{v}"); }
                let h = tokio::spawn(async { 2 });
                println!("{}", h.await.unwrap());
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn sender_alive_at_the_receiver_loop() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                let (tx, mut rx) = tokio::sync::mpsc::channel(8);
                for i in 0..3 {
                    let tx = tx.clone();
                    tokio::spawn(async move { tx.send(i).await.unwrap(); });
                }
                while let Some(v) = rx.recv().await { println!("{v}"); }
            }
        "#;
        assert_eq!(top(bad), Some("channel-never-closed"));
        let fine = bad.replace("while let", "drop(tx);\n while let");
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

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
        let fine = bad.replace("_cx", "cx").replace(
            "Poll::Pending }",
            "cx.waker().wake_by_ref(); Poll::Pending }",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    #[test]
    fn block_on_inside_async_code() {
        let bad = r#"
            fn helper() -> u32 { futures::executor::block_on(async { 1 }) }
            #[tokio::main]
            async fn main() { println!("{}", helper()); }
        "#;
        assert_eq!(top(bad), Some("nested-runtime"));
        let fine = r#"
            fn main() {
                let rt = tokio::runtime::Runtime::new().unwrap();
                rt.block_on(async { println!("hi") });
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn cpu_hog_and_busy_wait() {
        let bad = r#"
            async fn crunch() -> u64 {
                let mut sum = 0u64;
                for i in 0..50_000_000u64 { sum = sum.wrapping_add(i * i); }
                sum
            }
        "#;
        assert_eq!(top(bad), Some("cpu-hog"));
        let fine = r#"
            async fn crunch() -> u64 {
                let mut sum = 0u64;
                for i in 0..50_000_000u64 {
                    sum = sum.wrapping_add(i * i);
                    if i % 1_000_000 == 0 { tokio::task::yield_now().await; }
                }
                sum
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    #[test]
    fn recursion_needs_a_box() {
        let bad = "async fn walk(n: u32) -> u32 { if n == 0 { 0 } else { walk(n - 1).await + 1 } }";
        assert_eq!(top(bad), Some("recursive-async"));
        let fine = "async fn walk(n: u32) -> u32 { if n == 0 { 0 } else { Box::pin(walk(n - 1)).await + 1 } }";
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

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

    #[test]
    fn ignored_join_results() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                let h = tokio::spawn(async { panic!("boom") });
                let _ = h.await;
            }
        "#;
        assert_eq!(top(bad), Some("ignored-task-panic"));
        let fine = bad.replace("let _ = h.await;", "h.await.unwrap();");
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    #[test]
    fn double_lock_is_a_deadlock() {
        let bad = r#"
            async fn twice(m: std::sync::Arc<tokio::sync::Mutex<u32>>) {
                let a = m.lock().await;
                let b = m.lock().await;
            }
        "#;
        assert_eq!(top(bad), Some("deadlock"));
    }

    fn confidence(src: &str, id: &str) -> f32 {
        analyze(src)
            .candidates
            .iter()
            .filter(|c| c.id == id)
            .map(|c| c.confidence)
            .fold(0.0, f32::max)
    }

    #[test]
    fn a_fn_locking_its_parameters_called_with_them_swapped() {
        // tokio locks, a free fn, arguments through clones of the same Arcs.
        let bad = r#"
            use std::sync::Arc;
            use tokio::sync::Mutex;
            struct Bin { stock: Mutex<u32> }
            async fn shift(a: &Bin, b: &Bin) {
                let x = a.stock.lock().await;
                let y = b.stock.lock().await;
            }
            #[tokio::main]
            async fn main() {
                let (red, blue) = (Arc::new(Bin { stock: Mutex::new(1) }), Arc::new(Bin { stock: Mutex::new(2) }));
                let (r2, b2) = (red.clone(), Arc::clone(&blue));
                let t = tokio::spawn(async move { shift(&r2, &b2).await });
                shift(&blue, &red).await;
                t.await.unwrap();
            }
        "#;
        assert!(confidence(bad, "deadlock") >= 0.7);
        // std locks, a method taking `&self` and another value.
        let bad = r#"
            use std::sync::Mutex;
            struct Desk { papers: Mutex<Vec<u32>> }
            impl Desk {
                fn hand_over(&self, to: &Desk) {
                    let mine = self.papers.lock().unwrap();
                    let theirs = to.papers.lock().unwrap();
                }
            }
            fn main() {
                let (a, b) = (Desk { papers: Mutex::new(vec![]) }, Desk { papers: Mutex::new(vec![]) });
                std::thread::scope(|s| {
                    s.spawn(|| a.hand_over(&b));
                    s.spawn(|| b.hand_over(&a));
                });
            }
        "#;
        assert!(confidence(bad, "deadlock") >= 0.7);
        // Always called the same way round: no deadlock.
        let fine = r#"
            use tokio::sync::Mutex;
            struct Bin { stock: Mutex<u32> }
            async fn shift(a: &Bin, b: &Bin) {
                let x = a.stock.lock().await;
                let y = b.stock.lock().await;
            }
            async fn run(red: Bin, blue: Bin) {
                shift(&red, &blue).await;
            }
        "#;
        assert_eq!(confidence(fine, "deadlock"), 0.0);
        // Two different locks of two values are no cycle either.
        let fine = r#"
            use tokio::sync::Mutex;
            struct Bin { stock: Mutex<u32>, log: Mutex<u32> }
            async fn shift(a: &Bin, b: &Bin) {
                let x = a.stock.lock().await;
                let y = b.log.lock().await;
            }
            async fn run(red: Bin, blue: Bin) {
                shift(&red, &blue).await;
                shift(&blue, &red).await;
            }
        "#;
        assert_eq!(confidence(fine, "deadlock"), 0.0);
    }

    #[test]
    fn two_tasks_lock_the_same_arcs_in_opposite_orders() {
        let bad = r#"
            use std::sync::Arc;
            use tokio::sync::Mutex;
            #[tokio::main]
            async fn main() {
                let (left, right) = (Arc::new(Mutex::new(0)), Arc::new(Mutex::new(0)));
                let (l1, r1) = (left.clone(), right.clone());
                let one = tokio::spawn(async move {
                    let a = l1.lock().await;
                    let b = r1.lock().await;
                });
                let (l2, r2) = (left.clone(), right.clone());
                let two = tokio::spawn(async move {
                    let b = r2.lock().await;
                    let a = l2.lock().await;
                });
                one.await.unwrap();
                two.await.unwrap();
            }
        "#;
        assert_eq!(top(bad), Some("deadlock"));
        let fine = bad.replace(
            "let b = r2.lock().await;\n                    let a = l2.lock().await;",
            "let a = l2.lock().await;\n                    let b = r2.lock().await;",
        );
        assert_ne!(fine, bad);
        assert_eq!(confidence(&fine, "deadlock"), 0.0);
    }

    #[test]
    fn a_loop_awaiting_each_independent_item() {
        let seq = |src: &str| confidence(src, "sequential-awaits");
        let for_loop = r#"
            async fn fetch(url: &str) -> usize { tokio::time::sleep(std::time::Duration::from_millis(5)).await; url.len() }
            async fn all(urls: Vec<String>) -> usize {
                let mut total = 0;
                for url in &urls {
                    total += fetch(url).await;
                }
                total
            }
        "#;
        assert!(seq(for_loop) > 0.0);
        let while_let = r#"
            async fn fetch(url: &str) -> usize { tokio::time::sleep(std::time::Duration::from_millis(5)).await; url.len() }
            async fn all(urls: Vec<String>) -> Vec<usize> {
                let mut out = Vec::new();
                let mut it = urls.iter();
                while let Some(u) = it.next() {
                    let n = fetch(u).await;
                    out.push(n);
                }
                out
            }
        "#;
        assert!(seq(while_let) > 0.0);
        // Each round feeds the next: the order is the point.
        let chained = r#"
            async fn step(state: u64, x: u64) -> u64 { tokio::time::sleep(std::time::Duration::from_millis(5)).await; state + x }
            async fn fold(xs: Vec<u64>) -> u64 {
                let mut state = 0;
                for x in xs {
                    state = step(state, x).await;
                }
                state
            }
        "#;
        assert_eq!(seq(chained), 0.0);
        // A producer that paces itself and sends each item: turns on purpose.
        let producer = r#"
            async fn cook(d: &str) -> String { tokio::time::sleep(std::time::Duration::from_millis(5)).await; d.to_string() }
            async fn kitchen(tx: tokio::sync::mpsc::Sender<String>) {
                for dish in ["soup", "cake"] {
                    let plate = cook(dish).await;
                    tx.send(plate).await.unwrap();
                }
            }
        "#;
        assert_eq!(seq(producer), 0.0);
        // Retries stop at the first success; joining handles is no mistake.
        let retry = r#"
            async fn connect(n: u32) -> Result<(), ()> { tokio::time::sleep(std::time::Duration::from_millis(5)).await; Err(()) }
            async fn dial() {
                for attempt in 0..3 {
                    if connect(attempt).await.is_ok() { break; }
                }
            }
            async fn wait_all(handles: Vec<tokio::task::JoinHandle<()>>) {
                for h in handles { h.await.unwrap(); }
            }
        "#;
        assert_eq!(seq(retry), 0.0);
        // A work list that the rounds refill.
        let crawl = r#"
            async fn links(page: u32) -> Vec<u32> { tokio::time::sleep(std::time::Duration::from_millis(5)).await; vec![page + 1] }
            async fn crawl(mut todo: Vec<u32>) {
                while let Some(page) = todo.pop() {
                    let more = links(page).await;
                    todo.extend(more);
                }
            }
        "#;
        assert_eq!(seq(crawl), 0.0);
    }

    #[test]
    fn a_producer_feeding_a_drained_channel_is_no_lost_task() {
        let producer = r#"
            use tokio::sync::mpsc;
            fn start() -> mpsc::Receiver<u32> {
                let (tx, rx) = mpsc::channel(4);
                tokio::spawn(async move {
                    for i in 0..3 { tx.send(i).await.unwrap(); }
                });
                rx
            }
        "#;
        let lost = r#"
            fn start(log: std::sync::Arc<std::sync::Mutex<Vec<u32>>>) {
                tokio::spawn(async move {
                    log.lock().unwrap().push(1);
                });
            }
        "#;
        let (p, l) = (
            confidence(producer, "unjoined-task"),
            confidence(lost, "unjoined-task"),
        );
        assert!(p < 0.4 && l >= 0.6, "producer {p}, lost {l}");
    }

    #[test]
    fn async_fn_without_await_is_a_note() {
        let r = analyze("async fn add(a: u32, b: u32) -> u32 { a + b }");
        assert!(r.candidates.is_empty());
        assert_eq!(r.notes[0].id, "async-fn-without-await");
    }

    #[test]
    fn unparsable_source_says_nothing() {
        let r = analyze("fn main( {");
        assert!(!r.parsed && r.candidates.is_empty());
    }
}
