//! The source rules, one mistake family per file, each an `impl Walker` block.
//!
//! [`Walker::block_rules`] (here) runs the statement-order rules on every
//! block; the walk (`walk.rs`) calls the others at calls, loops, macros, fns:
//! - `calls.rs`: blocking-in-async, nested-runtime, missing-runtime, heavy
//!   recursion, `std::thread::yield_now()` in async code (cpu-hog);
//! - `cpu_hog.rs`: cpu-hog loops that never await;
//! - `recursion.rs`: recursive-async;
//! - `futures.rs`: unawaited-future;
//! - `tasks.rs`: unjoined-task, ignored-task-panic;
//! - `channels.rs`: channel-never-closed, a oneshot deadlock;
//! - `backpressure.rs`: unbounded-backpressure;
//! - `sequential.rs`, `loop_waits.rs`: sequential-awaits (also `.await`s
//!   written inside `join!` / `join_all`);
//! - `flow.rs`, `live.rs`, `locks.rs`: lock-across-await, non-send-across-await,
//!   a lock taken twice (deadlock);
//! - `lock_order.rs`: deadlock from opposite lock orders;
//! - `select.rs`: cancel-unsafe-select;
//! - `lost_wakeup.rs`: lost-wakeup.
//!
//! A few checks stay in `walk.rs`, where the walk meets them: await-outside-async,
//! an `async fn main` with no runtime (missing-runtime), a waker that does
//! nothing (lost-wakeup), and the async-fn-without-await note.

mod backpressure;
mod calls;
mod channels;
pub(super) mod cpu_hog;
mod flow;
mod futures;
mod live;
mod lock_order;
mod locks;
mod loop_waits;
mod lost_wakeup;
mod recursion;
mod select;
mod sequential;
mod tasks;

use syn::{Block, Pat, Stmt};

use crate::diagnosis::source::syntax::{is_wild_let, let_name, peel};
use crate::diagnosis::source::walker::{Ctx, Walker};

impl Walker<'_> {
    pub(crate) fn block_rules(&mut self, block: &Block) {
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
            self.subscribed_drain(stmts);
            self.sequential(stmts);
        }
    }
}
