//! One file per command; each takes the parsed arguments and returns
//! whether the answer is "yes" (exit 0) or "no" (exit 1). Errors are
//! sentences for people (exit 2).

mod cohort;
mod course_info;
mod dev;
mod diagnose;
pub mod init;
mod jump;
mod junit;
mod learner_record;
pub mod reset;
pub mod run;
pub mod timeline;
mod verify;

use crate::cli::{Cli, Command, DevCommand};

pub use crate::session::{warn, Result, Session};

pub fn dispatch(cli: Cli) -> Result<bool> {
    let course_dir = cli.course;
    // Opened by the commands that need a course and the learner's progress;
    // the others work anywhere (`diagnose`, `cohort`, `init`) or read a
    // course that may be broken, their own way (the gate, `sync`).
    let session = || Session::open(course_dir.clone());
    let command = cli.command.unwrap_or(Command::Watch { manual_run: false });
    match command {
        Command::Diagnose {
            file,
            json,
            timeout_secs,
            timeline,
        } => diagnose::diagnose(course_dir.as_deref(), &file, json, timeout_secs, timeline),
        // `cohort` reads records, not a course: an instructor's machine may have none.
        Command::Cohort { files, html } => cohort::cohort(&files, html.as_deref()),
        // `init` and `dev new` write a course folder; they need none.
        Command::Init {
            dir,
            with_solutions,
        } => init::init(&dir, with_solutions),
        Command::Dev(DevCommand::New { dir }) => dev::new(&dir),
        Command::Dev(DevCommand::Check { no_run }) => dev::check(course_dir.as_deref(), no_run),
        Command::Dev(DevCommand::Sync) => dev::sync(course_dir.as_deref()),
        // Without a terminal (piped, CI): check once, in plain text.
        Command::Watch { .. } if !crate::watch::has_terminal() => {
            // No terminal: a plain `run`, stopped as `run` is.
            crate::check::process::stop_checks_on_interrupt();
            run::run(session()?, None, false)
        }
        Command::Watch { manual_run } => {
            let session = session()?;
            // `--manual-run` may come before or after `watch`.
            let manual_run = manual_run || cli.manual_run;
            let first_start = session.progress.is_first_start();
            crate::watch::watch(session, manual_run, first_start)
        }
        Command::Run { name, json } => {
            crate::check::process::stop_checks_on_interrupt();
            run::run(session()?, name, json)
        }
        Command::Hint { name } => course_info::hint(session()?, name),
        Command::List { json } => course_info::list(&session()?, json),
        Command::Progress {
            learner: Some(name),
            ..
        } => learner_record::print(&session()?, &name),
        Command::Progress { json, .. } => course_info::progress(&session()?, json),
        Command::Jump { to } => jump::jump(session()?, &to),
        Command::Reset { name } => reset::reset(session()?, &name),
        Command::Verify {
            json,
            solutions,
            junit,
        } => {
            crate::check::process::stop_checks_on_interrupt();
            verify::verify(session()?, json, solutions, junit.as_deref())
        }
        Command::Timeline { target, svg, width } => timeline::timeline(
            &session()?,
            &timeline::Request {
                target: target.as_deref(),
                svg: svg.as_deref(),
                width,
            },
        ),
        Command::Dev(DevCommand::Checksums) => dev::checksums(&session()?),
    }
}
