//! `asynclings jump PHASE|NAME`: start at a phase or an exercise, as a
//! workshop does when the room moves on. The exercises before it are not
//! marked done: they stay to do, shown as skipped, and the runner comes
//! back to them after the last one.

use console::style;

use super::{Result, Session};
use crate::course::{Course, Exercise};

pub fn jump(mut session: Session, to: &str) -> Result<bool> {
    let exercise = target(&session, to)?.clone();
    session.progress.set_current(&exercise.name);
    session.save()?;
    let course = &session.course;
    let title = course.phase(exercise.phase).map_or("", |p| &p.title);
    println!(
        "Now at {} ({}), phase {}: {title}.",
        style(&exercise.name).bold(),
        exercise.path().display(),
        exercise.phase
    );
    let skipped = course
        .exercises
        .iter()
        .filter(|e| session.progress.is_skipped(course, &e.name))
        .count();
    if skipped > 0 {
        println!(
            "{}",
            style(format!(
                "{skipped} earlier exercises are not done: they stay to do, shown as skipped in `asynclings list`."
            ))
            .dim()
        );
    }
    println!("Start it with `asynclings` (or check it with `asynclings run`).");
    Ok(true)
}

/// What `to` names: a phase number gives that phase's first exercise not
/// done (its first when all are); anything else is an exercise's name.
fn target<'s>(session: &'s Session, to: &str) -> Result<&'s Exercise> {
    let course = &session.course;
    if let Ok(number) = to.trim().parse::<u32>() {
        let mut exercises = course.in_phase(number);
        let first_to_do = course
            .in_phase(number)
            .find(|e| !session.progress.is_done(&e.name));
        return first_to_do.or_else(|| exercises.next()).ok_or_else(|| {
            format!(
                "there is no phase {number}. The phases are:\n{}\n\
                 Give one of their numbers, such as `asynclings jump {}`.",
                phases(course),
                course.phases.last().map_or(1, |p| p.number)
            )
            .into()
        });
    }
    course.find(to).ok_or_else(|| {
        format!(
            "there is no exercise named `{to}`. The exercises are:\n{}\n\
             Give one of these names, or a phase number such as `asynclings jump 3`.",
            exercises(course)
        )
        .into()
    })
}

/// Every phase with exercises, one a line.
fn phases(course: &Course) -> String {
    course
        .phases
        .iter()
        .filter(|p| course.in_phase(p.number).next().is_some())
        .map(|p| format!("  {}  {}", p.number, p.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every exercise's name, a paragraph per phase.
fn exercises(course: &Course) -> String {
    course
        .phases
        .iter()
        .map(|p| {
            let names: Vec<&str> = course.in_phase(p.number).map(|e| &*e.name).collect();
            let text = format!("phase {}: {}", p.number, names.join(", "));
            crate::style::fold(&text, 80, "  ", "    ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
