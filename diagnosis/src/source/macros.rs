//! What is inside a macro call: its expressions, and the branches of `select!`.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::Expr;

use super::syntax::last_segment;

/// The expressions inside a macro call, when its tokens parse as
/// expressions (`println!`, `join!`, `vec!`, `assert!`...), and the futures
/// and bodies of the branches of `select!`.
pub(super) fn macro_exprs(mac: &syn::Macro) -> Vec<Expr> {
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
pub(super) fn select_branches(tokens: &TokenStream) -> Vec<(Expr, Expr)> {
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

pub(super) fn is_awaiting_macro(m: &syn::Macro) -> bool {
    matches!(
        last_segment(&m.path).as_str(),
        "select" | "join" | "try_join"
    )
}
