//! Workshops: each learner's record, and the room they make together.
//!
//! `record` is the format learners hand in; `read` gathers records from
//! files and stdin, naming the bad ones; `room` finds who is where and
//! where most people are; `table` and `html` show it.

pub mod html;
pub mod read;
pub mod record;
pub mod room;
pub mod table;
