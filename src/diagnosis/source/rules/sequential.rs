//! sequential-awaits: independent waits awaited one after another, in statements or a loop.

use std::collections::HashSet;

use syn::spanned::Spanned;
use syn::{Expr, Stmt};

use crate::diagnosis::source::finders::mentions::{mentions_block, mentions_expr};
use crate::diagnosis::source::syntax::{pat_idents, peel, pos, root_ident};
use crate::diagnosis::source::walker::Walker;

impl Walker<'_> {
    /// Independent waits awaited one after another.
    pub(super) fn sequential(&mut self, stmts: &[Stmt]) {
        // Waits in code that times itself: how long they take together is
        // the point, so their adding up is a mistake, not a judgement call.
        let timed = self
            .frame()
            .fn_name
            .as_ref()
            .is_some_and(|f| self.know.timed_fns.contains(f));
        let confidence = if timed { 0.75 } else { 0.3 };
        // Inside a loop, one wait after another is usually a worker's turn
        // ("wait for the next guest, then serve them"): ordered by meaning,
        // not by data, so timing alone does not make it sure.
        let in_loop = self.frame().loop_depth > 0;
        let statement_confidence = if in_loop { 0.3 } else { confidence };
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
                statement_confidence,
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
                    confidence,
                    at,
                    "each round of this loop waits for its item's future before starting the next item, so the waits add up",
                );
            }
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
}

/// `iter.next()` (no `.await`), `queue.pop()`, `queue.pop_front()`: a
/// `while let` that walks the items of a collection.
fn is_iterator_step(e: &Expr) -> bool {
    matches!(peel(e), Expr::MethodCall(m)
        if m.args.is_empty() && matches!(m.method.to_string().as_str(), "next" | "pop" | "pop_front"))
}

#[cfg(test)]
mod tests {
    use crate::diagnosis::source::testing::confidence;

    const TIMED: &str = r#"
        use std::time::{Duration, Instant};
        async fn fetch_a(k: u32) -> u32 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            k
        }
        async fn fetch_b(k: u32) -> u32 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            k + 1
        }
        async fn load(k: u32) -> u32 {
            let a = fetch_a(k).await;
            let b = fetch_b(k).await;
            a + b
        }
        #[tokio::main]
        async fn main() {
            let t = Instant::now();
            let v = load(3).await;
            println!("{v} in {:?}", t.elapsed());
        }
    "#;

    #[test]
    fn sequential_waits_in_timed_code_are_sure() {
        assert!(confidence(TIMED, "sequential-awaits") >= 0.75);
        let untimed = TIMED.replace(", t.elapsed()", ", 0");
        let c = confidence(&untimed, "sequential-awaits");
        assert!(c > 0.0 && c < 0.7, "{c}");
        let in_a_test = TIMED.replace("#[tokio::main]", "#[tokio::test]");
        let c = confidence(&in_a_test, "sequential-awaits");
        assert!(c > 0.0 && c < 0.7, "{c}");
        let dependent = TIMED.replace("fetch_b(k)", "fetch_b(a)");
        assert_eq!(confidence(&dependent, "sequential-awaits"), 0.0);
    }

    #[test]
    fn a_workers_turns_in_a_loop_are_not_sure_even_when_timed() {
        let src = r#"
            use std::time::{Duration, Instant};
            use tokio::time::sleep;
            async fn next_job() { sleep(Duration::from_millis(10)).await; }
            async fn do_job() { sleep(Duration::from_millis(20)).await; }
            async fn worker() {
                loop {
                    next_job().await;
                    do_job().await;
                }
            }
            async fn run() {
                let t = Instant::now();
                let _ = tokio::time::timeout(Duration::from_secs(1), worker()).await;
                println!("{:?}", t.elapsed());
            }
        "#;
        let c = confidence(src, "sequential-awaits");
        assert!(c < 0.7, "{c}");
    }

    #[test]
    fn a_timed_loop_of_independent_waits_is_sure() {
        let src = r#"
            use std::time::Instant;
            async fn ping(host: &str) -> u64 {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                host.len() as u64
            }
            async fn probe_all(hosts: &[&str]) -> Vec<u64> {
                let mut out = Vec::new();
                for h in hosts {
                    out.push(ping(h).await);
                }
                out
            }
            #[tokio::main]
            async fn main() {
                let start = Instant::now();
                let r = probe_all(&["a", "bb"]).await;
                println!("{r:?} {:?}", start.elapsed());
            }
        "#;
        assert!(confidence(src, "sequential-awaits") >= 0.75);
    }
}
