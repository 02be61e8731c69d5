//! lock-across-await, non-send-across-await, and a lock taken twice (deadlock).

use super::live::{Live, LiveKind, REFCELL_BORROW};
use crate::candidate::{Candidate, EvidenceKind};
use crate::catalogue::{MistakeId, Routes};
use crate::source::walker::{LockPair, Walker};

/// A lock taken again while this code still holds it.
const RELOCKED: f32 = 0.8;
/// A std guard alive at an `.await`.
const GUARD_AT_AWAIT: f32 = 0.85;
/// An `Rc`, `RefCell`... alive at an `.await` of a spawned task.
const NON_SEND_AT_AWAIT: f32 = 0.8;
/// Taking the lock again needs the first guard gone.
const RELEASE_FIRST: Routes = Routes::new(MistakeId::Deadlock, &["release-first"]);

impl Walker<'_> {
    pub(super) fn relock(&mut self, target: &str, live: &mut [Live], at: (usize, usize)) {
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
                        MistakeId::Deadlock,
                        EvidenceKind::Source,
                        RELOCKED,
                        format!(
                            "`{target}` is locked again while `{}` (line {}) still holds it",
                            l.name, l.line
                        ),
                    )
                    .at(at.0, at.1)
                    .only_routes(RELEASE_FIRST),
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

    pub(super) fn at_await(&mut self, at: (usize, usize), live: &mut [Live], spawned: bool) {
        for l in live.iter_mut() {
            if l.reported {
                continue;
            }
            match &l.kind {
                // A `RefCell` borrow in a spawned task keeps its future from
                // being `Send` (the compiler says so first). Elsewhere it acts
                // as a lock: another task's borrow at that await panics.
                LiveKind::Guard { target, kind } if *kind == REFCELL_BORROW && spawned => {
                    l.reported = true;
                    self.candidates.push(
                        Candidate::new(
                            MistakeId::NonSendAcrossAwait,
                            EvidenceKind::Source,
                            NON_SEND_AT_AWAIT,
                            format!(
                                "`{}` ({kind} of `{target}`, line {}) is alive across this `.await` in a spawned task",
                                l.name, l.line
                            ),
                        )
                        .at(at.0, at.1),
                    );
                }
                LiveKind::Guard { target, kind } => {
                    l.reported = true;
                    self.candidates.push(
                        Candidate::new(
                            MistakeId::LockAcrossAwait,
                            EvidenceKind::Source,
                            GUARD_AT_AWAIT,
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
                            MistakeId::NonSendAcrossAwait,
                            EvidenceKind::Source,
                            NON_SEND_AT_AWAIT,
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
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{ids, routes, top};

    #[test]
    fn guard_across_await() {
        let bad = r#"
            async fn bump(m: &std::sync::Mutex<u32>) {
                let mut g = m.lock().unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                *g += 1;
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::LockAcrossAwait));
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
        assert_eq!(top(bad), Some(MistakeId::NonSendAcrossAwait));
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
    fn double_lock_is_a_deadlock() {
        let bad = r#"
            async fn twice(m: std::sync::Arc<tokio::sync::Mutex<u32>>) {
                let a = m.lock().await;
                let b = m.lock().await;
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::Deadlock));
        assert_eq!(routes(bad, MistakeId::Deadlock), ["release-first"]);
    }

    /// A `RefCell` is `Send`; its borrow is not. Outside a spawned task the
    /// borrow acts as a lock held across the await.
    #[test]
    fn a_refcell_borrow_across_an_await_in_a_task_is_not_send() {
        let bad = r#"
            use std::cell::RefCell;
            async fn look(w: &str) -> bool { tokio::time::sleep(std::time::Duration::from_millis(5)).await; w.len() > 3 }
            async fn check(words: Vec<String>) -> usize {
                let memo: RefCell<Vec<bool>> = RefCell::new(Vec::new());
                for w in words {
                    let mut cache = memo.borrow_mut();
                    let ok = look(&w).await;
                    cache.push(ok);
                }
                memo.borrow().len()
            }
            #[tokio::main]
            async fn main() { tokio::spawn(check(vec![])).await.unwrap(); }
        "#;
        assert_eq!(top(bad), Some(MistakeId::NonSendAcrossAwait));
        let fine = bad
            .replace("let mut cache = memo.borrow_mut();", "")
            .replace("cache.push(ok);", "memo.borrow_mut().push(ok);");
        assert!(ids(&fine).is_empty(), "{:?}", ids(&fine));
        let local = bad.replace(
            "tokio::spawn(check(vec![])).await.unwrap();",
            "check(vec![]).await;",
        );
        assert_eq!(top(&local), Some(MistakeId::LockAcrossAwait));
    }
}
