//! The room as a table for the terminal: who is where, then the exercise
//! that holds the most people.

use std::fmt::Write;

use console::{measure_text_width, style};

use super::record::LearnerRecord;
use super::room::{shown, Room};

const HEADINGS: [&str; 5] = ["Learner", "Phase", "Exercise", "Done", "Last pass"];
/// Longer learner names (or exercise names from a stranger's record) are cut.
const MAX_CELL: usize = 32;

pub fn table(room: &Room) -> String {
    let rows: Vec<[String; 5]> = room.learners.iter().map(row).collect();
    let widths: Vec<usize> = (0..HEADINGS.len())
        .map(|column| {
            rows.iter()
                .map(|r| measure_text_width(&r[column]))
                .chain([HEADINGS[column].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let headings = HEADINGS.map(String::from);
    writeln!(out, "{}", style(line(&headings, &widths)).bold()).unwrap();
    for (record, cells) in room.learners.iter().zip(&rows) {
        let text = line(cells, &widths);
        if room.is_on_busiest(record) {
            writeln!(out, "{}", style(text).yellow()).unwrap();
        } else {
            writeln!(out, "{text}").unwrap();
        }
    }
    writeln!(out).unwrap();
    writeln!(out, "{}", summary(room)).unwrap();
    out
}

/// One sentence on the busiest exercise (plain text; the page reuses it).
pub fn summary(room: &Room) -> String {
    match &room.busiest {
        Some(b) => format!(
            "Most people are on {} (phase {}): {} of {} still working, with a median of {} checks and {} hints there.",
            plain(&b.exercise),
            b.phase,
            b.learners,
            b.working,
            shown(b.median_checks),
            shown(b.median_hints)
        ),
        None => "Everyone has finished the course.".into(),
    }
}

fn row(record: &LearnerRecord) -> [String; 5] {
    let (phase, exercise) = if record.finished() {
        ("all done".to_string(), "-".to_string())
    } else {
        (
            format!("{} {}", record.current_phase, record.phase_title()),
            record.current.clone(),
        )
    };
    [
        record.learner.clone(),
        phase,
        exercise,
        format!("{}/{}", record.done, record.total),
        record.last_pass_shown(),
    ]
    .map(|cell| plain(&cell))
}

fn line(cells: &[String; 5], widths: &[usize]) -> String {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(cell, &width)| {
            let pad = width.saturating_sub(measure_text_width(cell));
            format!("{cell}{}", " ".repeat(pad))
        })
        .collect();
    padded.join("  ").trim_end().to_string()
}

/// A string from a record, safe for a terminal: no control characters
/// (an escape sequence in a name could rewrite the screen), and not longer
/// than a cell.
pub fn plain(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if clean.chars().count() > MAX_CELL {
        let cut: String = clean.chars().take(MAX_CELL - 1).collect();
        format!("{cut}…")
    } else {
        clean
    }
}
