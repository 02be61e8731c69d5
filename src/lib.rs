//! asynclings: a hands-on course in async Rust, and the runner that coaches
//! a learner through it. `main.rs` only parses the command line and calls
//! [`cli::run`]; each module below is one idea.

pub use asynclings_diagnosis::catalogue; // the classic mistakes, by stable id
pub mod check; // build and run one exercise under a time limit -> Outcome
pub mod cli; // the command line and its commands
pub mod cohort; // workshops: learners' records and the room they make
pub mod commands; // one file per command
pub mod course; // info.toml: the ordered, validated course
pub mod declared_bins; // the [[bin]]s a package's Cargo.toml declares
pub mod diagnose_file; // `asynclings diagnose FILE.rs`: any program, outside the course
pub mod diagnosis; // check, then Outcome + source -> the named mistakes
pub mod gate; // `dev check`: everything that must hold for a course to ship
pub mod originals; // the shipped text of every exercise, for `reset`
pub mod os; // what differs between Linux, macOS and Windows, behind one API
pub mod outcome; // the one value a check produces
pub mod progress; // which exercises are done; atomic writes
pub mod render; // Outcome -> text for people
pub mod scaffold; // `init` and `dev new`: course folders from embedded texts
pub mod session; // the course and the learner's progress, below commands and watch
pub mod style; // colours decided once (NO_COLOR, terminals)
pub mod timeline; // what each task did when, drawn for a terminal or a slide
pub mod watch; // the interactive coach: re-check on save, keys
