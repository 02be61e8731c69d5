//! How long a piece of code waits, roughly: the sleeps it makes (awaited or
//! blocking) and the local fns it calls, times the rounds of the loops around
//! them. Of several places that show one mistake, the costliest is pointed
//! at first (the loop that costs seconds before the wait of 50 ms).

use std::collections::HashMap;

use syn::visit::{self, Visit};
use syn::{Block, Expr};

use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, int_value, last_segment, peel, range_len};

/// The rounds of a loop whose size is not written down.
pub(crate) const UNKNOWN_ROUNDS: u64 = 10;
/// Estimates stop growing here (a recursive fn would grow them for ever).
const CAP: u64 = 1 << 40;

/// What the file's fns cost, by name (the costliest of fns of one name).
pub(crate) fn fn_costs(file: &syn::File, consts: &HashMap<String, u128>) -> HashMap<String, u64> {
    let mut bodies: Vec<(String, &Block)> = Vec::new();
    collect_fns(&file.items, &mut bodies);
    let mut costs: HashMap<String, u64> = bodies.iter().map(|(n, _)| (n.clone(), 0)).collect();
    // Each round sees one more level of calls; a few levels are plenty.
    for _ in 0..6 {
        let mut next: HashMap<String, u64> = HashMap::new();
        for (name, body) in &bodies {
            let c = of_block(body, consts, &costs);
            let e = next.entry(name.clone()).or_default();
            *e = (*e).max(c);
        }
        if next == costs {
            break;
        }
        costs = next;
    }
    costs
}

fn collect_fns<'a>(items: &'a [syn::Item], out: &mut Vec<(String, &'a Block)>) {
    for item in items {
        match item {
            syn::Item::Fn(f) => out.push((f.sig.ident.to_string(), &f.block)),
            syn::Item::Impl(i) => {
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        out.push((f.sig.ident.to_string(), &f.block));
                    }
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect_fns(inner, out);
                }
            }
            _ => {}
        }
    }
}

fn of_block(b: &Block, consts: &HashMap<String, u128>, fns: &HashMap<String, u64>) -> u64 {
    let mut f = Finder::new(consts, fns);
    f.visit_block(b);
    f.total
}

pub(crate) fn of_expr(e: &Expr, consts: &HashMap<String, u128>, fns: &HashMap<String, u64>) -> u64 {
    let mut f = Finder::new(consts, fns);
    f.visit_expr(e);
    f.total
}

pub(crate) fn of_call(
    c: &syn::ExprCall,
    consts: &HashMap<String, u128>,
    fns: &HashMap<String, u64>,
) -> u64 {
    let mut f = Finder::new(consts, fns);
    f.visit_expr_call(c);
    f.total
}

/// The rounds of a `for` over this expression (a guess when unknown).
pub(crate) fn rounds(over: &Expr, consts: &HashMap<String, u128>) -> u64 {
    range_len(over, consts)
        .map_or(UNKNOWN_ROUNDS, |n| n.min(CAP as u128) as u64)
        .max(1)
}

/// `Duration::from_millis(300)`, `Duration::from_secs(2)`, ...: in ms.
fn duration_ms(e: &Expr, consts: &HashMap<String, u128>) -> Option<u64> {
    let Expr::Call(c) = peel(e) else { return None };
    let Expr::Path(p) = peel(&c.func) else {
        return None;
    };
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    if segs.len() < 2 || segs[segs.len() - 2] != "Duration" {
        return None;
    }
    let arg = c.args.first()?;
    let int = || int_value(arg, consts).map(|n| n.min(CAP as u128) as u64);
    let float = || match peel(arg) {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Float(f) => f.base10_parse::<f64>().ok(),
            syn::Lit::Int(i) => i.base10_parse::<f64>().ok(),
            _ => None,
        },
        _ => None,
    };
    let ms = match segs[segs.len() - 1].as_str() {
        "from_millis" => int()?,
        "from_secs" | "new" => int()?.saturating_mul(1000),
        "from_micros" => int()? / 1000,
        "from_nanos" => int()? / 1_000_000,
        "from_secs_f32" | "from_secs_f64" => (float()? * 1000.0) as u64,
        _ => return None,
    };
    Some(ms.min(CAP))
}

struct Finder<'a> {
    consts: &'a HashMap<String, u128>,
    fns: &'a HashMap<String, u64>,
    times: u64,
    total: u64,
}

impl<'a> Finder<'a> {
    fn new(consts: &'a HashMap<String, u128>, fns: &'a HashMap<String, u64>) -> Self {
        Finder {
            consts,
            fns,
            times: 1,
            total: 0,
        }
    }

    fn count(&mut self, ms: u64) {
        self.total = self
            .total
            .saturating_add(ms.saturating_mul(self.times))
            .min(CAP);
    }

    fn looped(&mut self, rounds: u64, body: impl FnOnce(&mut Self)) {
        let outer = self.times;
        self.times = self.times.saturating_mul(rounds).min(CAP);
        body(self);
        self.times = outer;
    }
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let Expr::Path(p) = peel(&c.func) {
            let last = last_segment(&p.path);
            if last == "sleep" {
                if let Some(ms) = c.args.first().and_then(|a| duration_ms(a, self.consts)) {
                    self.count(ms);
                }
            }
            let local = p.path.segments.len() == 1
                || matches!(
                    p.path.segments[0].ident.to_string().as_str(),
                    "Self" | "self"
                );
            if local {
                if let Some(&ms) = self.fns.get(&last) {
                    self.count(ms);
                }
            }
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if ident_of(&m.receiver).as_deref() == Some("self") {
            if let Some(&ms) = self.fns.get(&m.method.to_string()) {
                self.count(ms);
            }
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        let n = rounds(&f.expr, self.consts);
        self.looped(n, |s| s.visit_block(&f.body));
    }

    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        self.visit_expr(&w.cond);
        self.looped(UNKNOWN_ROUNDS, |s| s.visit_block(&w.body));
    }

    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        self.looped(UNKNOWN_ROUNDS, |s| s.visit_block(&l.body));
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_of_calls_costs_more_than_one_wait() {
        let file: syn::File = syn::parse_str(
            r#"
            async fn coffee() { tokio::time::sleep(Duration::from_millis(50)).await; }
            async fn wipe() { std::thread::sleep(Duration::from_secs(1)); }
            async fn serve(t: u32) {
                coffee().await;
                wipe().await;
            }
            async fn evening(n: u32) {
                for t in 1..=n { serve(t).await; }
            }
            async fn six() {
                for t in 0..6 { serve(t).await; }
            }
            "#,
        )
        .unwrap();
        let costs = fn_costs(&file, &HashMap::new());
        assert_eq!(costs["coffee"], 50);
        assert_eq!(costs["serve"], 1050);
        assert_eq!(costs["evening"], 1050 * UNKNOWN_ROUNDS);
        assert_eq!(costs["six"], 6 * 1050);
    }
}
