//! The source rules: one mistake family per module, each a [`Rule`], and
//! [`RULES`], the one list that plugs them into the walk.
//!
//! The walk (`walk.rs`) reads the file once. At each kind of syntax it
//! meets (a fn, a statement, a call, a loop...) it asks every rule of
//! [`RULES`], in order; a rule inspects the syntax it overrides a method
//! for, and ignores the rest. Adding a mistake: its catalogue entry, a
//! module here with its `Rule`, corpus pairs, and one line in [`RULES`].
//!
//! A rule reports through the [`Walker`]: `add` a candidate where the code
//! runs; `event` something that blocks, which the walker points at where
//! async code calls the sync fn it is in. Its confidences are named
//! constants at the top of its module.

mod await_outside;
mod backpressure;
mod calls;
mod channels;
mod cpu_hog;
mod flow;
mod futures;
mod live;
mod lock_order;
mod locks;
mod loop_waits;
mod lost_wakeup;
mod poll_once;
mod recursion;
mod select;
mod sequential;
mod style;
mod tasks;
mod unflushed;

use proc_macro2::Span;
use syn::{Block, Expr, ExprAwait, ExprCall, ExprMethodCall, ItemImpl, Signature, Stmt};

use crate::source::walker::Walker;

/// Every rule, in the order the walk asks them (which is the order of the
/// candidates they add, where several look at the same syntax).
pub(super) const RULES: &[&dyn Rule] = &[
    // blocking-in-async, nested-runtime, missing-runtime, cpu-hog at calls
    &calls::Calls,
    // a style note
    &style::AsyncFnWithoutAwait,
    // recursive-async
    &recursion::Recursion,
    // await-outside-async
    &await_outside::AwaitOutsideAsync,
    // lock-across-await, non-send-across-await, a lock taken twice
    &flow::Flow,
    // unawaited-future, and tasks dropped with their handle
    &futures::Futures,
    // cpu-hog loops
    &cpu_hog::CpuHog,
    // unbounded-backpressure
    &backpressure::Backpressure,
    // channel-never-closed, a oneshot deadlock
    &channels::Channels,
    // ignored-task-panic
    &tasks::Tasks,
    // lost-wakeup
    &lost_wakeup::LostWakeup,
    // cancel-unsafe-select
    &select::Select,
    // sequential-awaits
    &sequential::Sequential,
    // deadlock from opposite lock orders
    &lock_order::LockOrder,
    // unflushed-on-exit
    &unflushed::Unflushed,
    // polled-once
    &poll_once::PollOnce,
];

/// A source rule: the syntax it inspects, each a method that does nothing
/// unless the rule overrides it.
pub(super) trait Rule {
    /// A fn, before its body is walked.
    fn fn_item(&self, _w: &mut Walker<'_>, _f: &FnItem<'_>) {}
    /// A body that runs as one piece of code (a fn, an async block, an
    /// async closure), once, before its statements are walked: `spawned`
    /// when it runs as a spawned task.
    fn body(&self, _w: &mut Walker<'_>, _block: &Block, _spawned: bool) {}
    /// An `impl` block, before its fns are walked.
    fn impl_block(&self, _w: &mut Walker<'_>, _i: &ItemImpl) {}
    /// Each statement of a block, with the statements after it.
    fn statement(&self, _w: &mut Walker<'_>, _stmt: &Stmt, _rest: &[Stmt]) {}
    /// Every block, once each of its statements has been seen.
    fn block(&self, _w: &mut Walker<'_>, _stmts: &[Stmt]) {}
    fn await_expr(&self, _w: &mut Walker<'_>, _e: &ExprAwait) {}
    fn call(&self, _w: &mut Walker<'_>, _c: &ExprCall) {}
    fn method_call(&self, _w: &mut Walker<'_>, _m: &ExprMethodCall) {}
    /// A loop, before its body is walked.
    fn loop_expr(&self, _w: &mut Walker<'_>, _l: &Loop<'_>) {}
    /// The future of each branch of a `select!`, before the branch is walked.
    fn select_branch(&self, _w: &mut Walker<'_>, _future: &Expr) {}
    /// Any other macro call whose tokens parse as expressions (`join!`,
    /// `println!`, `vec!`...), before they are walked.
    fn macro_call(&self, _w: &mut Walker<'_>, _name: &str, _exprs: &[Expr]) {}
    /// Once the whole file has been walked.
    fn finish(&self, _w: &mut Walker<'_>) {}
}

/// A fn as the walk meets it (a free fn or a method).
pub(super) struct FnItem<'a> {
    pub(super) name: &'a str,
    pub(super) sig: &'a Signature,
    pub(super) block: &'a Block,
    /// A method of a trait impl: its `async` is the trait's, not a choice.
    pub(super) in_trait_impl: bool,
    /// Its runtime attribute: a `tokio::` one (`tokio::main`, `tokio::test`)
    /// or a plain `test`.
    pub(super) runtime_attr: Option<String>,
    /// A test fn (any `#[..::test]`).
    pub(super) is_test: bool,
}

impl FnItem<'_> {
    pub(super) fn is_async(&self) -> bool {
        self.sig.asyncness.is_some()
    }
}

/// A loop as the walk meets it.
#[derive(Clone, Copy)]
pub(super) struct Loop<'a> {
    pub(super) kind: LoopKind,
    /// What a `for` goes over, or a `while`'s condition.
    pub(super) head: Option<&'a Expr>,
    pub(super) body: &'a Block,
    pub(super) span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LoopKind {
    For,
    While,
    Loop,
}
