//! Drawing the watch state: a calm screen that reads well at 80 columns.
//! Course progress on top, then the exercise, the verdict and the one thing
//! to look at, then a one-line key legend.

use std::fmt::Write;

use console::style;

use super::state::{View, WatchState};
use super::terminal::file_link;
use crate::render::{self, Detail};

/// The whole screen as text (the caller clears the terminal first).
pub fn draw(state: &WatchState, width: usize) -> String {
    let mut out = String::new();
    header(state, width, &mut out);
    match &state.view {
        View::Exercise => exercise(state, &mut out),
        View::List {
            filter,
            typing,
            selected,
        } => list(state, filter, *typing, *selected, &mut out),
        View::ConfirmReset { name, .. } => {
            let path = state
                .session
                .course
                .find(name)
                .map(|e| e.path())
                .unwrap_or_default();
            writeln!(
                out,
                "Reset {} to its shipped text? Your changes to it will be lost.\n\n{}",
                style(path.display()).bold(),
                style("y: yes, reset it    any other key: cancel").bold()
            )
            .unwrap();
        }
        View::Finished => {
            writeln!(out, "{}", state.session.course.final_message.trim()).unwrap();
            writeln!(out, "\n{}", legend("l list · q quit")).unwrap();
        }
    }
    out
}

fn header(state: &WatchState, width: usize, out: &mut String) {
    let course = &state.session.course;
    let progress = &state.session.progress;
    let exercise = state.exercise();
    let phase = course
        .phase(exercise.phase)
        .map_or("", |p| p.title.as_str());
    let done = progress.count_done(&course.exercises);
    let total = course.exercises.len();
    writeln!(
        out,
        "{}  Phase {}: {}  {}",
        style("asynclings").bold().cyan(),
        exercise.phase,
        phase,
        style(format!("{done}/{total} done")).dim()
    )
    .unwrap();
    writeln!(out, "{}", bar(done, total, width.min(80))).unwrap();
}

fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = width * done / total.max(1);
    format!(
        "{}{}",
        style("━".repeat(filled)).green(),
        style("─".repeat(width - filled)).dim()
    )
}

fn exercise(state: &WatchState, out: &mut String) {
    let course = &state.session.course;
    let exercise = state.exercise();
    if state.welcome {
        writeln!(out, "{}\n", course.welcome_message.trim()).unwrap();
    }
    let path = exercise.path();
    let link = file_link(&course.root.join(&path), &path.display().to_string());
    writeln!(
        out,
        "{} {}\n",
        style("Exercise:").bold(),
        style(link).bold()
    )
    .unwrap();

    if state.checking {
        match &state.building {
            Some(krate) => writeln!(
                out,
                "Preparing the course: building the exercises' dependencies (first start only)...\n  built {}",
                style(krate).dim()
            )
            .unwrap(),
            None => writeln!(out, "{}", style("Checking...").dim()).unwrap(),
        }
    } else if let Some(error) = &state.check_error {
        writeln!(
            out,
            "{} {error}\n\nPress r to try again.",
            style("Could not check:").red().bold()
        )
        .unwrap();
    } else if let Some(outcome) = &state.outcome {
        if outcome.passed() {
            passed(state, outcome, out);
        } else {
            out.push_str(&render::outcome(outcome, Detail::Brief));
        }
    }

    let seen = state.hints_seen();
    if seen > 0 {
        out.push('\n');
        for (i, hint) in exercise.hints.iter().take(seen).enumerate() {
            writeln!(
                out,
                "{} {}",
                style(format!("Hint {}/{}:", i + 1, exercise.hints.len())).cyan(),
                hint.trim()
            )
            .unwrap();
        }
    }
    if let Some(message) = &state.message {
        writeln!(out, "\n{}", style(message).yellow()).unwrap();
    }
    if state.manual_run {
        writeln!(
            out,
            "\n{}",
            style("Manual mode: press r after saving to check.").dim()
        )
        .unwrap();
    }
    let keys = if state.passed() {
        "n next · d diff with solution · h hint · l list · r check · x reset · q quit"
    } else {
        "h hint · l list · r check · x reset · q quit"
    };
    writeln!(out, "\n{}", legend(keys)).unwrap();
}

fn passed(state: &WatchState, outcome: &crate::outcome::Outcome, out: &mut String) {
    let exercise = state.exercise();
    writeln!(out, "{}", render::verdict_line(outcome)).unwrap();
    writeln!(
        out,
        "{} {}",
        style("Well done!").green().bold(),
        outcome.summary
    )
    .unwrap();
    writeln!(
        out,
        "Compare with the reference solution: {}",
        exercise.solution_path().display()
    )
    .unwrap();
    out.push_str(&render::notes(outcome));
    if state.show_diff {
        let root = &state.session.course.root;
        let read = |p| std::fs::read_to_string(root.join(p)).unwrap_or_default();
        let diff = solution_diff(&read(exercise.path()), &read(exercise.solution_path()));
        writeln!(out, "\n{diff}").unwrap();
    }
}

/// Your file (-) against the reference solution (+), changed lines only,
/// with a line of context.
fn solution_diff(mine: &str, solution: &str) -> String {
    let diff = similar::TextDiff::from_lines(mine, solution);
    let mut out = String::new();
    for group in diff.grouped_ops(1).iter().take(8) {
        for op in group {
            for change in diff.iter_changes(op) {
                writeln!(out, "{}", render::diff_line(&change)).unwrap();
            }
        }
        writeln!(out, "{}", style("  ...").dim()).unwrap();
    }
    if out.is_empty() {
        "Your file is the same as the reference solution.".into()
    } else {
        format!("Your file (-) and the reference solution (+):\n{out}")
    }
}

fn list(state: &WatchState, filter: &str, typing: bool, selected: usize, out: &mut String) {
    let course = &state.session.course;
    let names = state.filtered(filter);
    let filter_line = if typing {
        format!("Filter: {filter}█  (Enter to finish)")
    } else if filter.is_empty() {
        "/ to filter".into()
    } else {
        format!("Filter: {filter}  (/ to change)")
    };
    writeln!(out, "{}\n", style(filter_line).dim()).unwrap();
    // Show a window of the list around the selection.
    const ROWS: usize = 16;
    let start = selected
        .saturating_sub(ROWS / 2)
        .min(names.len().saturating_sub(ROWS));
    let mut last_phase = None;
    for (i, name) in names.iter().enumerate().skip(start).take(ROWS) {
        let exercise = course.find(name).expect("filtered from the course");
        if last_phase != Some(exercise.phase) {
            let title = course
                .phase(exercise.phase)
                .map_or("", |p| p.title.as_str());
            writeln!(
                out,
                "{}",
                style(format!("Phase {}: {title}", exercise.phase)).bold()
            )
            .unwrap();
            last_phase = Some(exercise.phase);
        }
        let state_word = if *name == state.current {
            style("current").yellow()
        } else if state.session.progress.is_done(name) {
            style("done   ").green()
        } else {
            style("pending").dim()
        };
        let pointer = if i == selected {
            style("›").cyan().bold()
        } else {
            style(" ")
        };
        writeln!(out, "{pointer} {state_word}  {name}").unwrap();
    }
    if names.is_empty() {
        writeln!(out, "No exercise matches \"{filter}\".").unwrap();
    }
    writeln!(
        out,
        "\n{}",
        legend("↑/↓ move · Enter open · x reset · / filter · Esc back · q quit")
    )
    .unwrap();
}

fn legend(keys: &str) -> String {
    style(keys).dim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_shows_only_what_differs() {
        console::set_colors_enabled(false);
        let mine = "a\nb\nc\nd\ne\nf\n";
        let solution = "a\nb\nc\nD\ne\nf\n";
        let diff = solution_diff(mine, solution);
        assert!(diff.contains("- d") && diff.contains("+ D"), "{diff}");
        assert!(!diff.contains("  a"), "{diff}");
        assert!(solution_diff(mine, mine).contains("the same"));
    }
}
