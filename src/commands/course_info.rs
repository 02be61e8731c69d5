//! The commands that only read the course and the progress:
//! `list`, `progress` and `hint`.

use console::style;
use serde::Serialize;

use super::{Result, Session};
use crate::course::Exercise;
use crate::outcome::{Mode, SCHEMA_VERSION};

#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum State {
    Done,
    Current,
    Pending,
}

impl State {
    fn of(session: &Session, exercise: &Exercise) -> State {
        if session.progress.current(&session.course).name == exercise.name {
            State::Current
        } else if session.progress.is_done(&exercise.name) {
            State::Done
        } else {
            State::Pending
        }
    }
}

#[derive(Serialize)]
struct ListJson<'a> {
    schema: u32,
    exercises: Vec<ListEntry<'a>>,
}

#[derive(Serialize)]
struct ListEntry<'a> {
    name: &'a str,
    phase: u32,
    phase_title: &'a str,
    state: State,
    /// Also true for the current exercise when it was done before.
    done: bool,
    /// Pending, and before the current exercise: jumped over.
    skipped: bool,
    mode: Mode,
    path: String,
}

pub fn list(session: &Session, json: bool) -> Result<bool> {
    let course = &session.course;
    if json {
        let exercises = course
            .exercises
            .iter()
            .map(|e| ListEntry {
                name: &e.name,
                phase: e.phase,
                phase_title: course.phase(e.phase).map_or("", |p| &p.title),
                state: State::of(session, e),
                done: session.progress.is_done(&e.name),
                skipped: session.progress.is_skipped(course, &e.name),
                mode: e.mode,
                path: e.path().display().to_string(),
            })
            .collect();
        let list = ListJson {
            schema: SCHEMA_VERSION,
            exercises,
        };
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(true);
    }
    for phase in &course.phases {
        let exercises: Vec<&Exercise> = course.in_phase(phase.number).collect();
        let done = session.progress.count_done(exercises.iter().copied());
        println!(
            "{} {}",
            style(format!("Phase {}: {}", phase.number, phase.title)).bold(),
            style(format!("({done}/{})", exercises.len())).dim()
        );
        for e in exercises {
            let state = match State::of(session, e) {
                State::Current => style("current").yellow().bold(),
                State::Done => style("done   ").green(),
                State::Pending if session.progress.is_skipped(course, &e.name) => {
                    style("skipped").yellow()
                }
                State::Pending => style("pending").dim(),
            };
            println!(
                "  {state}  {:<28} {}",
                e.name,
                style(e.path().display()).dim()
            );
        }
    }
    Ok(true)
}

#[derive(Serialize)]
struct ProgressJson<'a> {
    schema: u32,
    done: usize,
    total: usize,
    current: &'a str,
    phases: Vec<PhaseProgress<'a>>,
}

#[derive(Serialize)]
struct PhaseProgress<'a> {
    number: u32,
    title: &'a str,
    done: usize,
    total: usize,
    /// Not done, before the current exercise: jumped over.
    skipped: usize,
}

pub fn progress(session: &Session, json: bool) -> Result<bool> {
    let course = &session.course;
    let phases: Vec<PhaseProgress> = course
        .phases
        .iter()
        .map(|p| PhaseProgress {
            number: p.number,
            title: &p.title,
            done: session.progress.count_done(course.in_phase(p.number)),
            total: course.in_phase(p.number).count(),
            skipped: course
                .in_phase(p.number)
                .filter(|e| session.progress.is_skipped(course, &e.name))
                .count(),
        })
        .collect();
    let report = ProgressJson {
        schema: SCHEMA_VERSION,
        done: session.progress.count_done(&course.exercises),
        total: course.exercises.len(),
        current: &session.progress.current(course).name,
        phases,
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(true);
    }
    for p in &report.phases {
        let skipped = match p.skipped {
            0 => String::new(),
            n => format!("  ({n} skipped)"),
        };
        println!(
            "Phase {}: {:<32} {:>2}/{}{}",
            p.number,
            p.title,
            p.done,
            p.total,
            style(skipped).yellow()
        );
    }
    println!(
        "{}",
        style(format!(
            "Overall: {}/{} exercises done",
            report.done, report.total
        ))
        .bold()
    );
    let current = session.progress.current(course);
    println!("Current: {} ({})", current.name, current.path().display());
    Ok(true)
}

pub fn hint(mut session: Session, name: Option<String>) -> Result<bool> {
    let exercise = session.exercise(name.as_deref())?.clone();
    let total = exercise.hints.len();
    let level = session.progress.see_hint(&exercise.name, total);
    for (i, hint) in exercise.hints.iter().take(level).enumerate() {
        let label = style(format!("Hint {} of {total}:", i + 1)).cyan().bold();
        println!(
            "{}",
            crate::style::wrap(&format!("{label} {}", hint.trim()))
        );
    }
    if level < total {
        let again = match &name {
            Some(name) => format!("asynclings hint {name}"),
            None => "asynclings hint".to_string(),
        };
        println!(
            "{}",
            style(format!("Run `{again}` again for a stronger hint.")).dim()
        );
    } else {
        println!(
            "{}",
            style("That was the last hint: you have everything you need.").dim()
        );
    }
    // After the hint: a course that cannot be saved still shows it.
    if let Err(e) = session.save() {
        super::warn(&format!("{e} The hint above was shown all the same."));
    }
    Ok(true)
}
