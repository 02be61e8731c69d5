//! Visitors that each answer one question about a piece of code:
//! - `await_finder.rs`: does it await, and how often;
//! - `children.rs`: the direct sub-expressions of an expression;
//! - `cost.rs`: roughly how long it waits (sleeps, local fns, loops);
//! - `drain_finder.rs`: a loop that drains a receiver;
//! - `field_uses.rs`: struct fields holding handles or futures, and their uses;
//! - `join_errors.rs`: does the program look at its tasks' failures;
//! - `loop_shape.rs`: what a loop body awaits, assigns and declares;
//! - `mentions.rs`: every path, method, macro and call it names;
//! - `use_finder.rs`: how a name is used after it is bound.

pub(super) mod await_finder;
pub(super) mod children;
pub(super) mod cost;
pub(super) mod drain_finder;
pub(super) mod field_uses;
pub(super) mod join_errors;
pub(super) mod loop_shape;
pub(super) mod mentions;
pub(super) mod use_finder;
