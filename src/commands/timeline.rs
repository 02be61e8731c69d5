//! `asynclings timeline [NAME|FILE.rs]`: runs a program with its tasks
//! recorded (the course's tokio facade, built with its `record` feature)
//! and draws what each task did when.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Result, Session};
pub use crate::timeline::record::{record, Recording};
use crate::timeline::{picture, svg, Style, MIN_WIDTH};

/// What `timeline` is asked to draw, and how.
pub struct Request<'a> {
    /// An exercise's name, a `.rs` file, or the current exercise.
    pub target: Option<&'a str>,
    pub svg: Option<&'a Path>,
    /// Columns; the terminal's width when not given.
    pub width: Option<usize>,
}

pub fn timeline(session: &Session, request: &Request) -> Result<bool> {
    let (file, shown, limit) = match request.target {
        Some(t) if t.ends_with(".rs") => (PathBuf::from(t), t.to_string(), Duration::from_secs(10)),
        name => {
            let exercise = session.exercise(name)?;
            let path = exercise.path();
            (
                session.course.root.join(&path),
                path.display().to_string(),
                exercise.timeout,
            )
        }
    };
    let recording = record(&session.course.root, &file, limit)?;
    show(&recording, &shown, request)?;
    Ok(true)
}

/// Prints the picture of `recording` (of the program `shown`), and writes
/// its SVG when asked.
pub fn show(recording: &Recording, shown: &str, request: &Request) -> Result<()> {
    let width = request.width.unwrap_or_else(|| {
        console::Term::stdout()
            .size_checked()
            .map_or(80, |(_, cols)| cols as usize)
    });
    let how = Style {
        color: console::colors_enabled(),
    };
    println!("Timeline of {shown}: {}", recording.ended);
    println!();
    print!("{}", picture(&recording.timeline, width, how));
    println!();
    let reading = recording.timeline.reading();
    println!("{}", textwrap::fill(&reading, width.max(MIN_WIDTH)));
    let stuck = recording.timeline.stuck();
    if !stuck.is_empty() {
        println!("\nStill alive when the run ended:");
        for task in stuck {
            let line = format!("- {task}.");
            println!("{}", textwrap::fill(&line, width.max(MIN_WIDTH)));
        }
    }
    if let Some(out) = request.svg {
        std::fs::write(out, svg(&recording.timeline, shown)).map_err(|e| {
            format!(
                "cannot write the SVG to {}: {e}. Give a path in a folder you can write to.",
                out.display()
            )
        })?;
        println!("The same picture, as SVG: {}", out.display());
    }
    Ok(())
}
