//! The `main` and `test` attributes of asynclings' tokio facade.
//!
//! `#[tokio::main(ARGS)] async fn main() -> R { BODY }` becomes
//!
//! ```text
//! #[::tokio::__asynclings::real_main(ARGS)]
//! async fn main() -> R {
//!     let watchdog = ::tokio::__asynclings::start();
//!     ::tokio::__asynclings::body(watchdog.watch(async move { BODY }), "main").await
//! }
//! ```
//!
//! and `test` likewise: tokio's own attribute still builds the runtime (so
//! `flavor`, `worker_threads`, `start_paused`... mean what they always mean),
//! and the watchdog starts inside it, first. The body is wrapped so that the
//! watchdog also times its polls: on the multi-threaded runtime `block_on`
//! drives it on a thread where the heartbeat task never runs.
//!
//! Anything that is not an `async fn` with a body goes to tokio's attribute
//! untouched, so the learner sees tokio's own error for it.
//!
//! Plain `proc_macro` token trees are enough for this rewrite, and keep syn
//! out of a fresh build.

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// tokio's `#[tokio::main]`, with the course's watchdog started first.
#[proc_macro_attribute]
pub fn main(args: TokenStream, item: TokenStream) -> TokenStream {
    rewrite("real_main", args, item)
}

/// tokio's `#[tokio::test]`, with the course's watchdog started first.
#[proc_macro_attribute]
pub fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    rewrite("real_test", args, item)
}

fn rewrite(real: &str, args: TokenStream, item: TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = item.into_iter().collect();
    let is_async = tokens
        .iter()
        .any(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "async"));
    let name = fn_name(&tokens);
    if is_async {
        if let Some(TokenTree::Group(body)) = tokens.last() {
            if body.delimiter() == Delimiter::Brace {
                let watched = watched_body(body.clone(), &name);
                *tokens.last_mut().expect("a last token") = TokenTree::Group(watched);
            }
        }
    }
    let mut out = real_attribute(real, args);
    out.extend(tokens);
    out
}

/// The fn's name: the identifier after `fn`.
fn fn_name(tokens: &[TokenTree]) -> String {
    tokens
        .windows(2)
        .find_map(|pair| match pair {
            [TokenTree::Ident(f), TokenTree::Ident(name)] if f.to_string() == "fn" => {
                Some(name.to_string())
            }
            _ => None,
        })
        .unwrap_or_else(|| "main".to_string())
}

/// `#[::tokio::__asynclings::REAL(ARGS)]`
fn real_attribute(real: &str, args: TokenStream) -> TokenStream {
    let mut path: TokenStream = format!("::tokio::__asynclings::{real}")
        .parse()
        .expect("a path parses");
    if !args.is_empty() {
        path.extend([TokenTree::Group(Group::new(Delimiter::Parenthesis, args))]);
    }
    TokenStream::from_iter([
        TokenTree::Punct(Punct::new('#', Spacing::Alone)),
        TokenTree::Group(Group::new(Delimiter::Bracket, path)),
    ])
}

/// `{ let w = start(); w.watch(async move BODY).await }`, the body's own
/// tokens (and spans) kept as they are.
///
/// The new tail expression carries the spans of the body's last statement,
/// as tokio's own expansion does: a type mismatch of the body's value is
/// shown on the learner's line, not on the attribute.
fn watched_body(body: Group, name: &str) -> Group {
    let (first, last) = last_statement_spans(&body);
    let watchdog = Ident::new("__asynclings_watchdog", Span::mixed_site());
    let mut inner: TokenStream = "let".parse().expect("a keyword parses");
    inner.extend([TokenTree::Ident(watchdog.clone())]);
    inner.extend(
        "= ::tokio::__asynclings::start();"
            .parse::<TokenStream>()
            .expect("a call parses"),
    );
    let mut call: TokenStream = "async move".parse().expect("keywords parse");
    call.extend([TokenTree::Group(body.clone())]);
    let mut watched = TokenStream::from_iter([TokenTree::Ident(watchdog)]);
    watched.extend(".watch".parse::<TokenStream>().expect("a method parses"));
    watched.extend([TokenTree::Group(Group::new(Delimiter::Parenthesis, call))]);
    // `body(w.watch(..), "main")`: recorded for the timeline when the
    // facade is built to record, the body itself otherwise.
    watched.extend(
        format!(", {}", Literal::string(name))
            .parse::<TokenStream>()
            .expect("a string parses"),
    );
    let mut tail: TokenStream = "::tokio::__asynclings::body"
        .parse()
        .expect("a path parses");
    tail.extend([TokenTree::Group(Group::new(
        Delimiter::Parenthesis,
        watched,
    ))]);
    tail.extend(".".parse::<TokenStream>().expect("a dot parses"));
    inner.extend(located_at(tail, first));
    inner.extend(located_at("await".parse().expect("a keyword parses"), last));
    let mut group = Group::new(Delimiter::Brace, inner);
    group.set_span(body.span());
    group
}

/// The spans of the first and last tokens of the body's last statement (or
/// of the body itself when it is empty).
fn last_statement_spans(body: &Group) -> (Span, Span) {
    let tokens: Vec<TokenTree> = body.stream().into_iter().collect();
    let is_semi = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.as_char() == ';');
    // The tail expression, or else the statement that ends with the last `;`.
    let end = match tokens.iter().rposition(is_semi) {
        Some(semi) if semi + 1 == tokens.len() => semi,
        _ => tokens.len(),
    };
    let start = tokens[..end.saturating_sub(1)]
        .iter()
        .rposition(is_semi)
        .map_or(0, |semi| semi + 1);
    let statement = &tokens[start.min(tokens.len())..tokens.len().min(end + 1)];
    match (statement.first(), statement.last()) {
        (Some(first), Some(last)) => (first.span(), last.span()),
        _ => (body.span(), body.span()),
    }
}

/// The tokens, placed at `span` (their hygiene kept); groups keep their insides.
fn located_at(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut t| {
            let placed = t.span().located_at(span);
            t.set_span(placed);
            t
        })
        .collect()
}
