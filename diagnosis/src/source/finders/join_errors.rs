//! Does the program look at its tasks' failures? A `JoinError` matched and
//! reported (`Err(e) => eprintln!(..)`), asked `is_panic()`, or passed on
//! with `?`: a task's panic there is handled, not swallowed, even when the
//! program then carries on as if nothing happened (which is its right).

use std::collections::HashSet;

use syn::visit::{self, Visit};
use syn::{Expr, Pat};

use crate::source::finders::mentions::mentions_expr;
use crate::source::knowledge::Knowledge;
use crate::source::macros::macro_exprs;
use crate::source::syntax::{ident_of, last_segment, let_name, pat_idents, peel};

/// Methods only a `JoinError` has (`is_cancelled` is also a token's).
const JOIN_ERROR_METHODS: &[&str] = &["is_panic", "into_panic", "try_into_panic"];

/// True when the file handles a task's failure somewhere.
pub(in crate::source) fn handles_join_errors(file: &syn::File, know: &Knowledge) -> bool {
    let mut finder = JoinErrors {
        know,
        results: HashSet::new(),
        handled: false,
    };
    finder.visit_file(file);
    finder.handled
}

struct JoinErrors<'k> {
    know: &'k Knowledge,
    /// Names bound to a task's result (`let r = h.await`, `while let
    /// Some(r) = set.join_next().await`, `for r in join_all(hs).await`).
    results: HashSet<String>,
    handled: bool,
}

impl JoinErrors<'_> {
    /// `h.await`, `tokio::spawn(..).await`, `set.join_next().await`,
    /// `join_all(handles).await`.
    fn is_join_await(&self, e: &Expr) -> bool {
        let Expr::Await(a) = peel(e) else {
            return false;
        };
        match peel(&a.base) {
            Expr::Path(_) => ident_of(&a.base).is_some_and(|n| self.know.handle_names.contains(&n)),
            Expr::MethodCall(m) => {
                matches!(m.method.to_string().as_str(), "join_next" | "join_all")
                    || self.know.is_spawn_expr(&a.base)
            }
            Expr::Call(c) => {
                self.know.is_spawn_expr(&a.base)
                    || self
                        .know
                        .resolve_call(c)
                        .is_some_and(|p| p.ends_with("join_all"))
            }
            _ => false,
        }
    }

    /// A task's result: awaited here, or a name bound to one.
    fn is_result(&self, e: &Expr) -> bool {
        self.is_join_await(e) || ident_of(e).is_some_and(|n| self.results.contains(&n))
    }

    fn bind(&mut self, pat: &Pat) {
        let mut names = Vec::new();
        pat_idents(pat, &mut names);
        self.results.extend(names);
    }
}

/// `Err(..)`: the arm a task's failure takes.
fn is_err_pat(pat: &Pat) -> bool {
    match pat {
        Pat::TupleStruct(t) => last_segment(&t.path) == "Err",
        Pat::Or(o) => o.cases.iter().any(is_err_pat),
        _ => false,
    }
}

/// The failure is told or passed on: the error is used, or the code says
/// something (a macro such as `eprintln!`), returns or panics. `Err(_) =>
/// {}`, `Err(_) => continue` or `Err(_) => 0` swallow it.
fn reports(pat: Option<&Pat>, body: &Expr) -> bool {
    let seen = mentions_expr(body);
    let mut bound = Vec::new();
    if let Some(pat) = pat {
        pat_idents(pat, &mut bound);
    }
    let returns = matches!(peel(body), Expr::Return(_))
        || matches!(peel(body), Expr::Block(b) if b.block.stmts.iter().any(|s| matches!(s, syn::Stmt::Expr(Expr::Return(_), _))));
    bound.iter().any(|n| seen.idents.contains(n)) || !seen.macros.is_empty() || returns
}

impl<'ast> Visit<'ast> for JoinErrors<'_> {
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let (Some(name), Some(init)) = (let_name(l), &l.init) {
            if self.is_join_await(&init.expr) {
                self.results.insert(name);
            }
        }
        visit::visit_local(self, l);
    }

    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        // `while let Some(r) = set.join_next().await`
        if self.is_join_await(&l.expr)
            && matches!(&*l.pat, Pat::TupleStruct(t) if last_segment(&t.path) == "Some")
        {
            self.bind(&l.pat);
        }
        visit::visit_expr_let(self, l);
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        // `for r in join_all(handles).await`
        if self.is_join_await(&f.expr) {
            self.bind(&f.pat);
        }
        visit::visit_expr_for_loop(self, f);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let method = m.method.to_string();
        if JOIN_ERROR_METHODS.contains(&method.as_str())
            || (matches!(method.as_str(), "map_err" | "unwrap_err" | "expect_err")
                && self.is_result(&m.receiver))
        {
            self.handled = true;
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_try(&mut self, t: &'ast syn::ExprTry) {
        if self.is_result(&t.expr) {
            self.handled = true;
        }
        visit::visit_expr_try(self, t);
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        if self.is_result(&m.expr)
            && m.arms
                .iter()
                .any(|a| is_err_pat(&a.pat) && reports(Some(&a.pat), &a.body))
        {
            self.handled = true;
        }
        visit::visit_expr_match(self, m);
    }

    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        if let Expr::Let(l) = &*i.cond {
            if self.is_result(&l.expr) {
                let block = Expr::Block(syn::ExprBlock {
                    attrs: Vec::new(),
                    label: None,
                    block: i.then_branch.clone(),
                });
                let handled = if is_err_pat(&l.pat) {
                    reports(Some(&l.pat), &block)
                } else {
                    // `if let Ok(v) = r { .. } else { <the failure> }`
                    i.else_branch
                        .as_ref()
                        .is_some_and(|(_, e)| reports(None, e))
                };
                self.handled |= handled;
            }
        }
        visit::visit_expr_if(self, i);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        for e in macro_exprs(m) {
            self.visit_expr(&e);
        }
        visit::visit_macro(self, m);
    }
}

#[cfg(test)]
mod tests {
    use crate::source::analyze;

    fn handled(body: &str) -> bool {
        let src = format!(
            "async fn work() -> u32 {{ panic!(\"no\") }}\n\
             #[tokio::main]\nasync fn main() {{\n{body}\n}}\n"
        );
        analyze(&src).handles_join_errors
    }

    #[test]
    fn a_join_error_matched_and_reported_is_handled() {
        let handled_ones = [
            "let h = tokio::spawn(work());\nmatch h.await { Ok(v) => println!(\"{v}\"), Err(e) => eprintln!(\"{e}\") }",
            "let h = tokio::spawn(work());\nmatch h.await { Ok(v) => println!(\"{v}\"), Err(e) if e.is_panic() => {} Err(_) => {} }",
            "let h = tokio::spawn(work());\nlet r = h.await;\nif let Err(e) = r { eprintln!(\"task failed: {e}\"); }",
            "let mut set = tokio::task::JoinSet::new();\nset.spawn(work());\nwhile let Some(r) = set.join_next().await { match r { Ok(_) => {}, Err(e) => eprintln!(\"{e}\") } }",
            "async fn inner() -> Result<u32, tokio::task::JoinError> { let v = tokio::spawn(work()).await?; Ok(v) }\nif let Err(e) = inner().await { eprintln!(\"{e}\"); }",
        ];
        for body in handled_ones {
            assert!(handled(body), "{body}");
        }
    }

    #[test]
    fn a_join_error_thrown_away_is_not_handled() {
        let swallowed = [
            "let h = tokio::spawn(work());\nlet _ = h.await;",
            "let h = tokio::spawn(work());\nif let Ok(v) = h.await { println!(\"{v}\"); }",
            "let h = tokio::spawn(work());\nmatch h.await { Ok(v) => println!(\"{v}\"), Err(_) => {} }",
            "let mut set = tokio::task::JoinSet::new();\nset.spawn(work());\nwhile let Some(r) = set.join_next().await { match r { Ok(v) => println!(\"{v}\"), Err(_) => continue } }",
            // A `Result` that is not a task's says nothing of tasks.
            "let r: Result<u32, String> = Err(\"x\".into());\nif let Err(e) = r { eprintln!(\"{e}\"); }",
        ];
        for body in swallowed {
            assert!(!handled(body), "{body}");
        }
    }
}
