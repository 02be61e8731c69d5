//! The same picture as an SVG, for slides and notes: one row per task,
//! green bars where it ran, red where it held the thread, a grey line
//! while it waited.

use std::fmt::Write;

use super::{duration, Timeline};

const WIDTH: f64 = 900.0;
const LEFT: f64 = 170.0;
const ROW: f64 = 28.0;
const TOP: f64 = 40.0;
/// The narrowest bar drawn, so that a short poll still shows.
const MIN_BAR: f64 = 1.5;

/// The picture, with `title` over it and the reading under it.
pub fn svg(timeline: &Timeline, title: &str) -> String {
    let span = (WIDTH - LEFT - 20.0).max(1.0);
    let end = timeline.end_us.max(1) as f64;
    let x = |us: u64| LEFT + span * us as f64 / end;
    // As many rows as the terminal's picture draws.
    let shown = &timeline.tasks[..timeline.tasks.len().min(super::text::MAX_ROWS)];
    let height = TOP + ROW * shown.len() as f64 + 50.0;
    let mut out = String::new();
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="monospace" font-size="13">"#
    )
    .unwrap();
    writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#).unwrap();
    writeln!(
        out,
        r#"<text x="10" y="20" font-weight="bold">{}</text>"#,
        escape(title)
    )
    .unwrap();
    for (at, label) in [
        (0, "0".to_string()),
        (timeline.end_us, duration(timeline.end_us)),
    ] {
        let anchor = if at == 0 { "start" } else { "end" };
        writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="{anchor}" fill="#555">{label}</text>"##,
            x(at),
            TOP - 6.0
        )
        .unwrap();
    }
    for (i, task) in shown.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let middle = y + ROW / 2.0;
        writeln!(out, r#"<g class="task">"#).unwrap();
        writeln!(
            out,
            r#"<text x="10" y="{:.1}">{} (line {})</text>"#,
            middle + 4.0,
            escape(&task.label),
            task.line
        )
        .unwrap();
        writeln!(
            out,
            r##"<line x1="{:.1}" y1="{middle:.1}" x2="{:.1}" y2="{middle:.1}" stroke="#999" stroke-dasharray="4 3"/>"##,
            x(task.start_us),
            x(task.end_us)
        )
        .unwrap();
        for poll in &task.polls {
            let colour = if poll.held_the_thread {
                "#d62728"
            } else {
                "#2ca02c"
            };
            let width = (x(poll.start_us + poll.us) - x(poll.start_us)).max(MIN_BAR);
            writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{width:.1}" height="{:.1}" fill="{colour}"/>"#,
                x(poll.start_us),
                y + 6.0,
                ROW - 12.0
            )
            .unwrap();
        }
        writeln!(out, "</g>").unwrap();
    }
    writeln!(
        out,
        r#"<text x="10" y="{:.1}">{}</text>"#,
        height - 20.0,
        escape(&timeline.reading())
    )
    .unwrap();
    out.push_str("</svg>\n");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::tests::{BLOCKED, OVERLAPPED};

    /// The SVG is XML, with one row (`<g class="task">`) per task and a red
    /// bar exactly where a poll held the thread.
    #[test]
    fn the_svg_parses_with_one_row_per_task() {
        for (text, tasks, red) in [(OVERLAPPED, 3, 0), (BLOCKED, 1, 1)] {
            let picture = svg(&Timeline::parse(text), "p1_tables <shipped>");
            let doc = roxmltree::Document::parse(&picture).expect("the SVG is XML");
            let rows = doc
                .descendants()
                .filter(|n| n.attribute("class") == Some("task"))
                .count();
            assert_eq!(rows, tasks);
            let reds = doc
                .descendants()
                .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#d62728"))
                .count();
            assert_eq!(reds, red);
        }
    }
}
