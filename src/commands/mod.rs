//! One file per command; each takes the parsed arguments and returns
//! whether the answer is "yes" (exit 0) or "no" (exit 1). Errors are
//! sentences for people (exit 2).

mod cohort;
mod course_info;
mod dev;
mod jump;
mod junit;
mod learner_record;
pub mod reset;
pub mod run;
pub mod timeline;
mod verify;

use std::path::PathBuf;

use crate::cli::{Cli, Command, DevCommand};
use crate::course::{Course, Exercise};
use crate::diagnose_file::{check_file, diagnose_file, print_outcome, DiagnoseOptions};
use crate::progress::Progress;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The course and the learner's progress through it.
pub struct Session {
    pub course: Course,
    pub progress: Progress,
}

impl Session {
    /// Loads the course (from `dir`, or found from the current folder) and
    /// the progress file, reporting a recovered progress file on stderr.
    pub fn open(dir: Option<PathBuf>) -> Result<Session> {
        let course = match dir {
            Some(dir) => Course::load(&dir.canonicalize().map_err(|e| {
                format!(
                    "cannot open the course folder {}: {e}. Give the folder that holds info.toml.",
                    dir.display()
                )
            })?)?,
            None => Course::discover(&std::env::current_dir()?)?,
        };
        let (progress, warning) = Progress::load(&course.root).map_err(|e| {
            format!(
                "cannot read the progress file in {}: {e}. Check the folder's permissions.",
                course.root.display()
            )
        })?;
        if let Some(warning) = warning {
            warn(&warning);
        }
        Ok(Session { course, progress })
    }

    /// The named exercise, or the current one.
    pub fn exercise(&self, name: Option<&str>) -> Result<&Exercise> {
        match name {
            None => Ok(self.progress.current(&self.course)),
            Some(name) => self.course.find(name).ok_or_else(|| {
                format!("there is no exercise named `{name}`. `asynclings list` shows them all.")
                    .into()
            }),
        }
    }

    /// Merges this session's steps into the progress file; a warning about
    /// the file (a damaged one set aside) goes to stderr.
    pub fn save(&mut self) -> Result<()> {
        if let Some(warning) = self.save_quietly()? {
            warn(&warning);
        }
        Ok(())
    }

    /// Records one check of an exercise (and the time, when it passed) and
    /// saves it at once: a failing check counts too, and a check that
    /// cannot be saved is only a warning, never the verdict's end.
    pub fn record_check(&mut self, name: &str, passed: bool) {
        self.progress.record_check(name, passed);
        if let Err(e) = self.save() {
            warn(&e);
        }
    }

    /// Like [`Session::save`], but the warning is returned, for a screen
    /// that shows it its own way.
    pub fn save_quietly(&mut self) -> Result<Option<crate::progress::Warning>> {
        self.progress.save().map_err(|e| {
            let advice = match e.kind() {
                std::io::ErrorKind::IsADirectory => "",
                _ => " Check that the course folder is writable.",
            };
            format!("could not save your progress: {e}.{advice}").into()
        })
    }
}

/// A problem the command goes on after, on stderr.
pub fn warn(what: &dyn std::fmt::Display) {
    eprintln!("{} {what}", console::style("warning:").yellow().bold());
}

pub fn dispatch(cli: Cli) -> Result<bool> {
    // `diagnose` works anywhere; inside a course it reuses its builds.
    if let Some(Command::Diagnose {
        file,
        json,
        timeout_secs,
        timeline,
    }) = &cli.command
    {
        crate::check::process::stop_checks_on_interrupt();
        let course = match &cli.course {
            Some(dir) => Some(Course::load(dir)?),
            None => Course::discover(&std::env::current_dir()?).ok(),
        };
        let options = DiagnoseOptions {
            course_root: course.map(|c| c.root),
            timeout: std::time::Duration::from_secs((*timeout_secs).max(1)),
        };
        if !*timeline {
            return Ok(diagnose_file(file, *json, &options)?);
        }
        let root = options.course_root.as_deref().ok_or(
            "--timeline records tasks with the course's tokio facade: run `diagnose` \
             inside a course folder, or give --course DIR.",
        )?;
        let mut outcome = check_file(file, &options)?;
        let limit = std::time::Duration::from_secs(*timeout_secs);
        let recording = timeline::record(root, file, limit);
        // Stopped stuck, the recording says where each task waits: evidence
        // the diagnosis reads, better than its guesses from the source.
        let waits = recording.as_ref().map(|r| r.timeline.task_waits());
        if let (Ok(waits), false) = (waits, outcome.passed()) {
            if !waits.is_empty() {
                outcome.events.extend(waits);
                crate::diagnosis::diagnose_outcome(&mut outcome, &std::fs::read_to_string(file)?);
            }
        }
        let passed = print_outcome(outcome, *json);
        let recording = recording?;
        if !*json {
            println!();
            let shown = file.display().to_string();
            let request = timeline::Request {
                target: None,
                svg: None,
                width: None,
            };
            timeline::show(&recording, &shown, &request)?;
        }
        return Ok(passed);
    }
    // `cohort` reads records, not a course: an instructor's machine may have none.
    if let Some(Command::Cohort { files, html }) = &cli.command {
        return cohort::cohort(files, html.as_deref());
    }
    // The gate and `sync` read a course that may be broken, their own way.
    match &cli.command {
        Some(Command::Dev(DevCommand::Check { no_run })) => {
            return dev::check(cli.course.as_deref(), *no_run)
        }
        Some(Command::Dev(DevCommand::Sync)) => return dev::sync(cli.course.as_deref()),
        _ => {}
    }
    let session = Session::open(cli.course)?;
    let command = cli.command.unwrap_or(Command::Watch { manual_run: false });
    match command {
        Command::Watch { manual_run } => {
            // `--manual-run` may come before or after `watch`.
            let manual_run = manual_run || cli.manual_run;
            let first_start = session.progress.is_first_start();
            crate::watch::watch(session, manual_run, first_start)
        }
        Command::Run { name, json } => {
            crate::check::process::stop_checks_on_interrupt();
            run::run(session, name, json)
        }
        Command::Hint { name } => course_info::hint(session, name),
        Command::List { json } => course_info::list(&session, json),
        Command::Progress {
            learner: Some(name),
            ..
        } => learner_record::print(&session, &name),
        Command::Progress { json, .. } => course_info::progress(&session, json),
        Command::Jump { to } => jump::jump(session, &to),
        Command::Reset { name } => reset::reset(session, &name),
        Command::Verify {
            json,
            solutions,
            junit,
        } => {
            crate::check::process::stop_checks_on_interrupt();
            verify::verify(session, json, solutions, junit.as_deref())
        }
        Command::Timeline { target, svg, width } => timeline::timeline(
            &session,
            &timeline::Request {
                target: target.as_deref(),
                svg: svg.as_deref(),
                width,
            },
        ),
        Command::Dev(DevCommand::Checksums) => dev::checksums(&session),
        Command::Dev(DevCommand::Check { .. } | DevCommand::Sync)
        | Command::Diagnose { .. }
        | Command::Cohort { .. } => unreachable!("handled above"),
    }
}
