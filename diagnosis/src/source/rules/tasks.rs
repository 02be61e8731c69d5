//! unjoined-task and ignored-task-panic: tasks nobody waits for, join results thrown away.

use syn::spanned::Spanned;
use syn::{Expr, Stmt};

use super::Rule;
use crate::catalogue::MistakeId;
use crate::source::finders::mentions::mentions_stmt;
use crate::source::syntax::{ident_of, is_wild_let, peel, pos, quote_pat};
use crate::source::walker::{Ctx, Walker};

/// A task's handle dropped, and nothing waits for anything afterwards.
const NOTHING_WAITS: f32 = 0.85;
/// ... a sleep afterwards, guessing how long the task needs.
const ONLY_A_SLEEP_WAITS: f32 = 0.5;
/// ... something real is awaited afterwards (or in the loop around).
const SOMETHING_WAITS: f32 = 0.3;
/// Outside `main` or a test, the caller may keep the runtime alive.
const NOT_AN_ENTRY: f32 = 0.75;
/// A producer whose channel somebody drains is waited for through it.
const THROUGH_A_CHANNEL: f32 = 0.4;
/// A join result thrown away, where a task can panic...
const IGNORED_PANICKY: f32 = 0.78;
/// ... and where nothing shows a task that can.
const IGNORED: f32 = 0.5;

pub(super) struct Tasks;

impl Rule for Tasks {
    fn statement(&self, w: &mut Walker<'_>, stmt: &Stmt, _rest: &[Stmt]) {
        w.ignored_join(stmt);
    }
}

impl Walker<'_> {
    /// How sure that a task whose handle is dropped here is lost.
    pub(super) fn unjoined(&mut self, at: (usize, usize), detail: String, spawned: Option<&Expr>) {
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
            SOMETHING_WAITS
        } else if !later.is_empty() {
            ONLY_A_SLEEP_WAITS
        } else {
            NOTHING_WAITS
        };
        let mut detail = detail;
        if !frame.is_entry {
            confidence *= NOT_AN_ENTRY;
        } else if confidence == NOTHING_WAITS {
            detail.push_str(", and nothing waits for the task before the function returns");
        } else if confidence == ONLY_A_SLEEP_WAITS {
            detail.push_str(": sleeping afterwards only guesses how long the task needs");
        }
        if through_channel {
            confidence *= THROUGH_A_CHANNEL;
        }
        self.add(MistakeId::UnjoinedTask, confidence, at, detail);
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
                    let bound = pat
                        .strip_prefix("Some(")
                        .and_then(|p| p.strip_suffix(')'))
                        .map(|p| p.trim().trim_start_matches("mut ").to_string());
                    let ok_only = bound
                        .as_deref()
                        .is_some_and(|b| only_ok_looked_at(&w.body, b));
                    (joins && (pat.contains('_') || pat.contains("Ok") || ok_only))
                        .then(|| pos(w.span()))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(at) = ignored_at {
            let confidence = if self.know.tasks_can_panic {
                IGNORED_PANICKY
            } else {
                IGNORED
            };
            self.add(
                MistakeId::IgnoredTaskPanic,
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
}

/// `if let Ok(v) = res { .. }` with no else (or `res.ok()` thrown away),
/// and nothing else done with `res`: its `Err` (a panic) is dropped.
fn only_ok_looked_at(body: &syn::Block, res: &str) -> bool {
    let mut ok_only = false;
    for stmt in &body.stmts {
        let e = match stmt {
            Stmt::Expr(e, _) => peel(e),
            _ => continue,
        };
        if let Expr::If(i) = e {
            if let Expr::Let(l) = &*i.cond {
                if ident_of(&l.expr).as_deref() == Some(res) {
                    if i.else_branch.is_none() && quote_pat(&l.pat).starts_with("Ok") {
                        ok_only = true;
                        continue;
                    }
                    return false;
                }
            }
        }
        if mentions_stmt(stmt).idents.contains(res) {
            return false;
        }
    }
    ok_only
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{confidence, ids, top};

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
        assert_eq!(top(bad), Some(MistakeId::UnjoinedTask));
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
    fn ignored_join_results() {
        let bad = r#"
            #[tokio::main]
            async fn main() {
                let h = tokio::spawn(async { panic!("boom") });
                let _ = h.await;
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::IgnoredTaskPanic));
        let fine = bad.replace("let _ = h.await;", "h.await.unwrap();");
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    #[test]
    fn join_set_results_where_only_ok_is_looked_at() {
        let bad = r#"
            async fn run(items: Vec<Vec<u8>>) -> usize {
                let mut tasks = tokio::task::JoinSet::new();
                for it in items {
                    tasks.spawn(async move { it.iter().copied().max().unwrap() });
                }
                let mut n = 0;
                while let Some(outcome) = tasks.join_next().await {
                    if let Ok(top) = outcome {
                        n += top as usize;
                    }
                }
                n
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::IgnoredTaskPanic));
        let fine = bad.replace(
            "if let Ok(top) = outcome {",
            "if let Ok(top) = outcome.map_err(|e| eprintln!(\"{e}\")) {",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
        let fine = bad.replace(
            "if let Ok(top) = outcome {\n                        n += top as usize;\n                    }",
            "match outcome { Ok(top) => n += top as usize, Err(e) => panic!(\"{e}\") }",
        );
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
    }

    #[test]
    fn a_spawned_fn_that_divides_or_indexes_can_panic() {
        let bad = r#"
            async fn average(xs: Vec<u32>) -> u32 {
                xs.iter().sum::<u32>() / xs.len() as u32
            }
            async fn run(batches: Vec<Vec<u32>>) -> Vec<u32> {
                let mut set = tokio::task::JoinSet::new();
                for b in batches {
                    set.spawn(average(b));
                }
                let mut out = Vec::new();
                while let Some(r) = set.join_next().await {
                    if let Ok(v) = r {
                        out.push(v);
                    }
                }
                out
            }
        "#;
        assert!(confidence(bad, MistakeId::IgnoredTaskPanic) >= 0.7, "{bad}");
        let safe = bad.replace("/ xs.len() as u32", "/ 2");
        assert!(confidence(&safe, MistakeId::IgnoredTaskPanic) < 0.7);
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
            confidence(producer, MistakeId::UnjoinedTask),
            confidence(lost, MistakeId::UnjoinedTask),
        );
        assert!(p < 0.4 && l >= 0.6, "producer {p}, lost {l}");
    }
}
