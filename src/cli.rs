//! The command line: parsed once by clap, then handed to one command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

#[derive(Parser, Debug)]
#[command(
    name = "asynclings",
    version,
    about = "A hands-on course in async Rust. Run it with no command to start (or continue) the course."
)]
pub struct Cli {
    /// The course folder (the one with info.toml); default: this folder or the nearest one above it.
    #[arg(long, global = true, value_name = "DIR")]
    pub course: Option<PathBuf>,
    /// Watch mode without file events: press `r` to check (for WSL2 on a Windows drive, network mounts).
    #[arg(long)]
    pub manual_run: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check the current exercise again on every save (the default).
    Watch {
        /// Do not watch files; check when you press `r` (for file systems without change events).
        #[arg(long)]
        manual_run: bool,
    },
    /// Every exercise in course order, with its phase, state and path.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check one exercise (the current one by default) and show the verdict.
    Run {
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show the next hint for an exercise (the current one by default).
    Hint { name: Option<String> },
    /// Restore an exercise to its shipped text (your edits are lost).
    Reset { name: String },
    /// Check every exercise in course order.
    Verify {
        #[arg(long)]
        json: bool,
        /// Check the reference solutions instead of your exercises (for maintainers).
        #[arg(long)]
        solutions: bool,
        /// Also write the verdicts to FILE as a JUnit XML report, one test case per exercise (for CI).
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
    },
    /// How far you are: done / total per phase, and the current exercise.
    Progress {
        #[arg(long)]
        json: bool,
        /// With --json: one line, a record for your instructor, with this name in it.
        #[arg(long, value_name = "NAME", requires = "json")]
        learner: Option<String>,
    },
    /// Start at a phase (its number) or an exercise (its name); earlier ones stay to do.
    Jump {
        /// A phase number, such as 3, or an exercise name, such as p3_channel.
        to: String,
    },
    /// Instructors: where the room is, from learners' `progress --json --learner` records.
    Cohort {
        /// Record files, or `-` to read records from stdin, one per line.
        #[arg(required = true, value_name = "FILES")]
        files: Vec<PathBuf>,
        /// Also write the table as one HTML page, for a projector.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Run a program with its tasks recorded, and draw what each did when.
    Timeline {
        /// An exercise's name (the current one by default), or a `.rs` file.
        target: Option<String>,
        /// Also write the picture as an SVG file, for slides and notes.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// The picture's width in columns (the terminal's by default; 80 at least).
        #[arg(long, value_name = "COLUMNS")]
        width: Option<usize>,
    },
    /// Name the classic async mistake in any single-file program, outside the course.
    Diagnose {
        /// The program: one `.rs` file (tokio with all features, futures and std may be used).
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// How long its tests, then its main, may each run (1 to 3600).
        #[arg(long, default_value_t = 10, value_name = "SECS", value_parser = timeout_secs)]
        timeout_secs: u64,
        /// Then run its main with its tasks recorded, and draw its timeline (inside a course);
        /// where its tasks got stuck is evidence for the diagnosis (with --json: in its events,
        /// and no picture).
        #[arg(long)]
        timeline: bool,
    },
    /// Write the course into a new folder, from the texts built into this runner (no clone needed).
    Init {
        /// The folder to write; it must be new or empty.
        #[arg(default_value = "asynclings")]
        dir: PathBuf,
        /// Also write the reference solutions (solutions/), for instructors.
        #[arg(long)]
        with_solutions: bool,
    },
    /// Maintainers' tools.
    #[command(subcommand)]
    Dev(DevCommand),
}

#[derive(Subcommand, Debug)]
pub enum DevCommand {
    /// Rewrite exercises/.checksums from the exercises as they are now (after changing one).
    Checksums,
    /// The course gate: info.toml, the files, the [[bin]] lists and the checksums agree; every
    /// exercise fails as shipped; every solution passes and is rustfmt- and clippy-clean.
    Check {
        /// Only the checks that read files: build and run nothing (seconds, not minutes).
        #[arg(long)]
        no_run: bool,
    },
    /// Rewrite the [[bin]] lists of exercises/Cargo.toml and solutions/Cargo.toml from info.toml.
    Sync,
    /// Write a course pack of your own into a new folder: one example exercise, its solution,
    /// info.toml and the support crates, ready for `asynclings --course DIR dev check`.
    New {
        /// The folder to write; it must be new or empty.
        dir: PathBuf,
    },
}

/// `--timeout-secs`: bounded as info.toml's `timeout_secs` is.
fn timeout_secs(text: &str) -> Result<u64, String> {
    let max = crate::course::MAX_TIMEOUT_SECS;
    match text.trim().parse::<u64>() {
        Ok(secs) if (1..=max).contains(&secs) => Ok(secs),
        _ => Err(format!(
            "give a whole number of seconds from 1 to {max} (an hour)"
        )),
    }
}

/// Exit statuses, as ripgrep uses them: 0 yes, 1 no, 2 an error.
pub fn run(cli: Cli) -> ExitCode {
    // `asynclings list | head` closes the pipe early: that is not an error.
    crate::os::die_quietly_on_closed_pipe();
    crate::style::init();
    match commands::dispatch(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("{} {error:#}", console::style("error:").red().bold());
            ExitCode::from(2)
        }
    }
}
