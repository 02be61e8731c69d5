//! Drawing the watch state: a calm screen that reads well at 80 columns.
//! Course progress on top, then the exercise, the verdict and the one thing
//! to look at, then the key legend. Prose is folded to the terminal's
//! width here: a line the terminal folds itself is cut mid-word.

use std::fmt::Write;
use std::path::PathBuf;

use console::style;

use super::state::{LessonFit, Milestone, View, WatchState};
use super::terminal::file_link;
use crate::course::Course;
use crate::render::{self, Detail};
use crate::style::{fold, wrap_to};
use crate::timeline::record::Recording;
use crate::timeline::{picture, Style};

/// The whole screen as text (the caller clears the terminal first).
pub fn draw(state: &WatchState, width: usize, height: usize) -> String {
    let mut out = String::new();
    header(state, width, &mut out);
    let width = prose_width(width);
    match &state.view {
        View::Exercise => exercise(state, width, &mut out),
        View::Lesson { phase, top } => lesson(state, *phase, *top, width, height, &mut out),
        View::List {
            filter,
            typing,
            selected,
        } => list(state, filter, *typing, *selected, width, &mut out),
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
        View::Timeline { name, recording } => timeline(name, recording.as_ref(), width, &mut out),
        View::Finished => {
            let message = state.session.course.final_message.trim();
            writeln!(out, "{}", wrap_to(message, width)).unwrap();
            writeln!(out, "\n{}", legend(&["l list", "q quit"], width)).unwrap();
        }
    }
    out
}

/// The timeline of the last recorded run, or word that it is being made.
fn timeline(
    name: &str,
    recording: Option<&Result<Box<Recording>, String>>,
    width: usize,
    out: &mut String,
) {
    match recording {
        None => {
            let note = "Recording a run of {name}, to draw what each task does when... (The \
                        first time, tokio is built once more for recording: up to a minute.)";
            let note = note.replace("{name}", name);
            writeln!(out, "{}", wrap_to(&note, width)).unwrap();
        }
        Some(Err(error)) => writeln!(out, "{}", wrap_to(error, width)).unwrap(),
        Some(Ok(recording)) => {
            writeln!(out, "Timeline of {name}: {}\n", recording.ended).unwrap();
            let how = Style {
                color: console::colors_enabled(),
            };
            out.push_str(&picture(&recording.timeline, width, how));
            writeln!(out, "\n{}", wrap_to(&recording.timeline.reading(), width)).unwrap();
        }
    }
    writeln!(
        out,
        "\n{}",
        legend(&["any key: back to the exercise"], width)
    )
    .unwrap();
}

/// Prose is easier to read in a column than across a wide terminal.
fn prose_width(width: usize) -> usize {
    width.min(100)
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

fn exercise(state: &WatchState, width: usize, out: &mut String) {
    let course = &state.session.course;
    let exercise = state.exercise();
    if state.welcome {
        writeln!(out, "{}\n", wrap_to(course.welcome_message.trim(), width)).unwrap();
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
            if let Some((name, line)) = &state.comparison {
                if *name == state.current && !line.is_empty() {
                    writeln!(out, "{}\n", style(wrap_to(line, width)).green()).unwrap();
                }
            }
            milestone(state, width, out);
        } else {
            out.push_str(&render::outcome(outcome, Detail::Brief));
        }
    }

    let seen = state.hints_seen();
    if seen > 0 {
        out.push('\n');
        for (i, hint) in exercise.hints.iter().take(seen).enumerate() {
            let label = style(format!("Hint {}/{}:", i + 1, exercise.hints.len())).cyan();
            let hint = format!("{label} {}", hint.trim());
            writeln!(out, "{}", fold(&hint, width, "", "  ")).unwrap();
        }
    }
    if let Some(message) = state.message() {
        writeln!(out, "\n{}", style(fold(message, width, "", "")).yellow()).unwrap();
    }
    if state.manual_run {
        writeln!(
            out,
            "\n{}",
            style("Manual mode: press r after saving to check.").dim()
        )
        .unwrap();
    }
    let lesson = format!("o phase {} lesson", state.lesson_phase());
    let mut keys = match state.milestone() {
        _ if !state.passed() => vec!["h hint", &lesson],
        Some(Milestone::CourseDone) => vec![&lesson, "d diff", "h hint"],
        Some(Milestone::PhaseDone { .. }) => vec!["n next phase", &lesson, "d diff", "h hint"],
        _ => vec!["n next", "d diff", "h hint", &lesson],
    };
    keys.extend(["t timeline", "l list", "r check", "x reset", "q quit"]);
    writeln!(out, "\n{}", legend(&keys, width)).unwrap();
}

/// What the pass leads to, when it is more than the next exercise: the
/// end of a phase (a recap and the next lesson), of the course, or of the
/// exercises after this one.
fn milestone(state: &WatchState, width: usize, out: &mut String) {
    let course = &state.session.course;
    let title = |phase| course.phase(phase).map_or("", |p| p.title.as_str());
    match state.milestone() {
        None => {}
        Some(Milestone::PhaseDone { done, next }) => {
            let summary = course.phase(done).map_or("", |p| p.summary.as_str());
            let lesson = lesson_path(course, next).unwrap_or_default();
            writeln!(
                out,
                "\n{}\n{}\n\n{}",
                style(format!("Phase {done} done: {}", title(done)))
                    .green()
                    .bold(),
                fold(&format!("What it taught: {summary}"), width, "", ""),
                fold(
                    &format!(
                        "Next, phase {next}: {}. Its lesson ({}) explains what its exercises build on: press o to read it here, then n to start.",
                        title(next),
                        lesson.display()
                    ),
                    width,
                    "",
                    ""
                )
            )
            .unwrap();
        }
        Some(Milestone::GoingBack { first, left }) => {
            let text = format!(
                "Every exercise after this one is done; {left} before it still to do: n goes back to {first}."
            );
            writeln!(out, "\n{}", style(fold(&text, width, "", "")).yellow()).unwrap();
        }
        Some(Milestone::CourseDone) => {
            writeln!(
                out,
                "\n{}\n{}",
                style("Course complete: every exercise passes.")
                    .green()
                    .bold(),
                wrap_to(course.final_message.trim(), width)
            )
            .unwrap();
        }
    }
}

/// A phase's lesson: the README.md of its exercises' folder.
fn lesson_path(course: &Course, phase: u32) -> Option<PathBuf> {
    let first = course.in_phase(phase).next()?;
    Some(
        PathBuf::from("exercises")
            .join(&first.dir)
            .join("README.md"),
    )
}

/// The lesson's text, folded to `width`, one screen line each. Code
/// blocks are kept as they are; headings lose their `#`s.
fn lesson_lines(course: &Course, phase: u32, width: usize) -> Vec<String> {
    let path = lesson_path(course, phase).unwrap_or_default();
    let Ok(text) = std::fs::read_to_string(course.root.join(&path)) else {
        return vec![format!(
            "This phase has no lesson to show ({} cannot be read).",
            path.display()
        )];
    };
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            lines.push(style(line).dim().to_string());
        } else if in_code {
            lines.push(line.to_string());
        } else if line.starts_with('#') {
            let heading = line.trim_start_matches('#').trim();
            lines.push(style(heading).bold().to_string());
        } else if line.trim().is_empty() {
            lines.push(String::new());
        } else {
            lines.extend(wrap_to(line, width).lines().map(String::from));
        }
    }
    lines
}

/// Lines of lesson on one screen: what the header, the title and the
/// legend leave.
fn lesson_rows(height: usize) -> usize {
    height.saturating_sub(8).max(3)
}

/// How the lesson on screen fits the terminal (see [`LessonFit`]).
pub fn lesson_fit(state: &WatchState, width: usize, height: usize) -> LessonFit {
    let page = lesson_rows(height);
    let View::Lesson { phase, .. } = state.view else {
        return LessonFit { max_top: 0, page };
    };
    let lines = lesson_lines(&state.session.course, phase, prose_width(width));
    LessonFit {
        max_top: lines.len().saturating_sub(page),
        page,
    }
}

fn lesson(
    state: &WatchState,
    phase: u32,
    top: usize,
    width: usize,
    height: usize,
    out: &mut String,
) {
    let course = &state.session.course;
    let lines = lesson_lines(course, phase, width);
    let rows = lesson_rows(height);
    let top = top.min(lines.len().saturating_sub(rows));
    let shown = &lines[top..(top + rows).min(lines.len())];
    let path = lesson_path(course, phase).unwrap_or_default();
    writeln!(
        out,
        "{} {}  {}\n",
        style(format!("Phase {phase} lesson:")).bold(),
        path.display(),
        style(format!(
            "lines {}-{} of {}",
            top + 1,
            top + shown.len(),
            lines.len()
        ))
        .dim()
    )
    .unwrap();
    for line in shown {
        writeln!(out, "{line}").unwrap();
    }
    let mut keys = vec!["↑/↓ scroll", "space/b page", "Esc back", "q quit"];
    if state.passed() {
        keys.insert(0, "n next exercise");
    }
    writeln!(out, "\n{}", legend(&keys, width)).unwrap();
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

fn list(
    state: &WatchState,
    filter: &str,
    typing: bool,
    selected: usize,
    width: usize,
    out: &mut String,
) {
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
    let keys = [
        "↑/↓ move",
        "Enter open",
        "x reset",
        "/ filter",
        "Esc back",
        "q quit",
    ];
    writeln!(out, "\n{}", legend(&keys, width)).unwrap();
}

/// The keys, as many to a line as fit: a key is never split from its word.
fn legend(keys: &[&str], width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for key in keys {
        match lines.last_mut() {
            Some(line) if console::measure_text_width(line) + 3 + key.chars().count() <= width => {
                line.push_str(" · ");
                line.push_str(key);
            }
            _ => lines.push(key.to_string()),
        }
    }
    style(lines.join("\n")).dim().to_string()
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
