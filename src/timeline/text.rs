//! The timeline drawn in a terminal: one row per task on a shared time
//! axis, scaled to the width given, in plain ASCII (coloured when the
//! style says so).

use std::fmt::Write;

use console::style;

use super::{duration, Task, Timeline};

/// The narrowest picture drawn: narrower terminals get this and wrap.
pub const MIN_WIDTH: usize = 80;
/// The task's name, then `line N`, before its row.
const NAME_WIDTH: usize = 14;
const LINE_WIDTH: usize = 10;
const LEFT: usize = NAME_WIDTH + 1 + LINE_WIDTH + 1;
/// Rows drawn at most; the tasks after them are counted in one line.
pub const MAX_ROWS: usize = 20;

/// How to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

/// What one column of a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cell {
    /// Not alive then.
    Absent,
    Waiting,
    Running,
    /// A poll that held the loop's thread.
    Holding,
}

impl Cell {
    fn glyph(self) -> char {
        match self {
            Cell::Absent => ' ',
            Cell::Waiting => '-',
            Cell::Running => '#',
            Cell::Holding => 'X',
        }
    }
}

/// The picture, `width` columns wide (at least [`MIN_WIDTH`]), with a
/// legend under it.
pub fn picture(timeline: &Timeline, width: usize, how: Style) -> String {
    let columns = width.max(MIN_WIDTH) - LEFT;
    // Microseconds per column, so that the whole run fits.
    let per = timeline.end_us.div_ceil(columns as u64).max(1);
    let mut out = String::new();
    writeln!(out, "{:LEFT$}{}", "", axis(timeline.end_us, columns)).unwrap();
    for task in timeline.tasks.iter().take(MAX_ROWS) {
        let cells = row(task, per, columns);
        let name: String = task.label.chars().take(NAME_WIDTH).collect();
        let line = format!("line {}", task.line);
        write!(out, "{name:<NAME_WIDTH$} {line:<LINE_WIDTH$} ").unwrap();
        // One colour code per run of equal cells, not per column.
        for run in cells.chunk_by(|a, b| a == b) {
            out.push_str(&paint(run[0], run.len(), how));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    if let Some(more) = more_tasks(&timeline.tasks) {
        writeln!(out, "{:LEFT$}{more}", "").unwrap();
    }
    let legend = [Cell::Running, Cell::Waiting, Cell::Holding]
        .iter()
        .map(|c| {
            let what = match c {
                Cell::Running => "running",
                Cell::Waiting => "waiting",
                _ => "blocking the loop",
            };
            format!("{} {what}", paint(*c, 1, how))
        })
        .collect::<Vec<_>>()
        .join("   ");
    writeln!(out, "{:LEFT$}{legend}", "").unwrap();
    out
}

/// `... and 4981 more tasks (4981 deliver)`: the tasks past [`MAX_ROWS`],
/// counted by name, the most common first.
fn more_tasks(tasks: &[Task]) -> Option<String> {
    let rest = tasks.get(MAX_ROWS..).filter(|r| !r.is_empty())?;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for t in rest {
        match counts.iter_mut().find(|(name, _)| *name == t.label) {
            Some((_, n)) => *n += 1,
            None => counts.push((&t.label, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let names: Vec<String> = counts
        .iter()
        .take(3)
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    let others = if counts.len() > 3 { ", ..." } else { "" };
    Some(format!(
        "... and {} more tasks ({}{others})",
        rest.len(),
        names.join(", ")
    ))
}

/// The row of one task: each column shows the most telling thing that
/// happened in it.
fn row(task: &Task, per: u64, columns: usize) -> Vec<Cell> {
    let mut cells = vec![Cell::Absent; columns];
    let column = |us: u64| ((us / per) as usize).min(columns - 1);
    for cell in &mut cells[column(task.start_us)..=column(task.end_us)] {
        *cell = Cell::Waiting;
    }
    for poll in &task.polls {
        let kind = if poll.held_the_thread {
            Cell::Holding
        } else {
            Cell::Running
        };
        let last = poll.start_us + poll.us.saturating_sub(1);
        for cell in &mut cells[column(poll.start_us)..=column(last)] {
            *cell = (*cell).max(kind);
        }
    }
    cells
}

/// `0 ms`, the middle and the end, placed over their columns.
fn axis(end_us: u64, columns: usize) -> String {
    let mut axis = vec![' '; columns];
    let mut place = |at: usize, text: &str| {
        let start = at.min(columns.saturating_sub(text.chars().count()));
        for (i, ch) in text.chars().enumerate() {
            if let Some(slot) = axis.get_mut(start + i) {
                *slot = ch;
            }
        }
    };
    place(0, "0");
    let middle = duration(end_us / 2);
    place(columns / 2 - middle.chars().count() / 2, &middle);
    place(columns, &duration(end_us));
    axis.into_iter().collect::<String>().trim_end().to_string()
}

/// `count` columns of `cell`, coloured when the style says so.
fn paint(cell: Cell, count: usize, how: Style) -> String {
    let glyph = cell.glyph().to_string().repeat(count);
    if !how.color {
        return glyph;
    }
    let styled = match cell {
        Cell::Absent => style(glyph),
        Cell::Waiting => style(glyph).dim(),
        Cell::Running => style(glyph).green(),
        Cell::Holding => style(glyph).red().bold(),
    };
    styled.force_styling(true).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::tests::{BLOCKED, OVERLAPPED};

    const PLAIN: Style = Style { color: false };

    #[test]
    fn blocked_and_overlapped_at_80_and_120_columns() {
        for width in [80, 120] {
            insta::assert_snapshot!(
                format!("blocked_{width}"),
                picture(&Timeline::parse(BLOCKED), width, PLAIN)
            );
            insta::assert_snapshot!(
                format!("overlapped_{width}"),
                picture(&Timeline::parse(OVERLAPPED), width, PLAIN)
            );
        }
    }

    /// Coloured, the marks keep their glyphs (for terminals that show
    /// colour but not to everyone: the glyph alone tells).
    #[test]
    fn coloured_overlapped_and_blocked() {
        let coloured = Style { color: true };
        let both = format!(
            "{}{}",
            picture(&Timeline::parse(BLOCKED), 80, coloured),
            picture(&Timeline::parse(OVERLAPPED), 80, coloured)
        );
        insta::assert_snapshot!("coloured_80", format!("{both:?}"));
    }

    #[test]
    fn every_row_fits_the_width() {
        for width in [80, 100, 120] {
            for text in [BLOCKED, OVERLAPPED] {
                for line in picture(&Timeline::parse(text), width, PLAIN).lines() {
                    assert!(line.chars().count() <= width, "{width}: {line}");
                }
            }
        }
    }

    #[test]
    fn many_tasks_are_counted_past_the_rows_drawn() {
        let mut text = String::new();
        for i in 1..=30 {
            let label = if i % 3 == 0 { "audit" } else { "deliver" };
            text.push_str(&format!(
                "{{\"event\":\"spawn\",\"task\":{i},\"label\":\"{label}\",\"line\":7,\"t_us\":{i}}}\n"
            ));
        }
        let shown = picture(&Timeline::parse(&text), 80, PLAIN);
        let rows = shown
            .lines()
            .filter(|l| l.starts_with("deliver") || l.starts_with("audit"));
        assert_eq!(rows.count(), MAX_ROWS);
        assert!(
            shown.contains("... and 10 more tasks (6 deliver, 4 audit)"),
            "{shown}"
        );
    }

    #[test]
    fn colour_marks_what_held_the_thread() {
        let coloured = picture(&Timeline::parse(BLOCKED), 80, Style { color: true });
        assert!(coloured.contains("\u{1b}[31m"), "{coloured:?}");
        let plain = picture(&Timeline::parse(BLOCKED), 80, PLAIN);
        assert!(!plain.contains('\u{1b}'));
    }
}
