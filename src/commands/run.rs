//! `asynclings run [NAME]`: check one exercise and show the verdict.

use console::style;

use super::{Result, Session};
use crate::check::Target;
use crate::diagnosis::check_and_diagnose;
use crate::render::{self, Detail};

pub fn run(mut session: Session, name: Option<String>, json: bool) -> Result<bool> {
    let exercise = session.exercise(name.as_deref())?.clone();
    let outcome = check_and_diagnose(
        &Target::exercise(&session.course, &exercise),
        &mut first_build_note(),
    )?;
    if json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        print!("{}", render::outcome(&outcome, Detail::Full));
    }
    if !outcome.passed() {
        // Counted for the instructor's view; a failed save is only a warning.
        session.record_check(&exercise.name, false);
        return Ok(false);
    }
    // The current exercise before this pass moves it on.
    let was_current = session.progress.current(&session.course).name == exercise.name;
    // Counted and marked done, saved with the move below in one save (each
    // save is synced to disk).
    session.progress.record_check(&exercise.name, true);
    let next = session
        .progress
        .next_pending(&session.course, Some(&exercise.name))
        .cloned();
    if was_current {
        session
            .progress
            .set_current(next.as_ref().map_or(&exercise.name, |n| &n.name));
    }
    session.save()?;
    if json {
        return Ok(true);
    }
    match next {
        Some(next) => println!(
            "\n{} Next: {} ({})",
            style("Well done!").green().bold(),
            style(&next.name).bold(),
            next.path().display()
        ),
        None => println!("\n{}", session.course.final_message.trim_end()),
    }
    Ok(true)
}

/// Says once, on stderr, that the first build takes a while: a silent
/// minute looks like a hang.
pub fn first_build_note() -> impl FnMut(&str) {
    let mut said = false;
    move |_crate_built| {
        if !said {
            said = true;
            eprintln!(
                "{}",
                style("Building the exercises' dependencies (tokio, futures): the first time only, it takes a minute...").dim()
            );
        }
    }
}
