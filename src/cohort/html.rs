//! The room as one HTML page for a projector: self-contained (inline CSS,
//! no scripts, nothing fetched), large type, a bar per phase for each
//! learner, and the busiest exercise highlighted. Every string from a
//! record is escaped: a record is a file anyone in the room could write.

use std::fmt::Write;

use super::record::{LearnerRecord, PhaseRecord};
use super::room::{shown, Room};

const STYLE: &str = "
body { font: 22px/1.35 system-ui, 'DejaVu Sans', sans-serif; color: #111; background: #fff; margin: 1.2em 1.6em; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
.meta { color: #444; margin: 0 0 .8em; }
.stuck-note { background: #ffe066; border-left: .4em solid #b07800; padding: .5em .8em; margin: 0 0 1em; font-size: 1.1em; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-size: .8em; color: #444; border-bottom: 2px solid #111; padding: .3em .5em; }
td { padding: .35em .5em; border-bottom: 1px solid #ccc; vertical-align: middle; }
td.name { font-weight: bold; max-width: 12em; overflow-wrap: anywhere; }
.bars { display: flex; gap: .25em; min-width: 16em; }
.bar { position: relative; flex: 1; height: 1.5em; background: #ddd; border-radius: .2em; overflow: hidden; }
.bar.here { outline: .15em solid #111; }
.fill { height: 100%; background: #6cc070; }
.bar .label { position: absolute; inset: 0; text-align: center; font-size: .7em; line-height: 2.15em; color: #000; }
tr.stuck { background: #fff6cc; }
tr.stuck td.exercise { background: #ffe066; font-weight: bold; }
td.exercise { font-family: 'DejaVu Sans Mono', monospace; overflow-wrap: anywhere; }
.legend { color: #444; font-size: .8em; margin-top: .8em; }
";

pub fn page(room: &Room, generated: &str) -> String {
    let mut out = String::new();
    let course = room.learners.first().map_or("", |r| r.course.as_str());
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>asynclings: the room</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    )
    .unwrap();
    writeln!(out, "<h1>asynclings: the room</h1>").unwrap();
    writeln!(
        out,
        "<p class=\"meta\">{} learners &middot; course: {} &middot; made {}</p>",
        room.learners.len(),
        escape(course),
        escape(generated)
    )
    .unwrap();
    match &room.busiest {
        Some(b) => writeln!(
            out,
            "<p class=\"stuck-note\">Stuck here? Most people are on <strong>{}</strong> (phase {}): \
             {} of {} still working, with a median of {} checks and {} hints there.</p>",
            escape(&b.exercise),
            b.phase,
            b.learners,
            b.working,
            shown(b.median_checks),
            shown(b.median_hints)
        ),
        None => writeln!(out, "<p class=\"stuck-note\">Everyone has finished the course.</p>"),
    }
    .unwrap();
    writeln!(
        out,
        "<table>\n<thead><tr><th>Learner</th><th>Phases</th><th>Exercise</th>\
         <th>Done</th><th>Last pass</th></tr></thead>\n<tbody>"
    )
    .unwrap();
    for record in &room.learners {
        row(&mut out, record, room.is_on_busiest(record));
    }
    writeln!(out, "</tbody>\n</table>").unwrap();
    writeln!(
        out,
        "<p class=\"legend\">One bar per phase, filled by the exercises done; \
         the outlined bar is the learner's phase now.</p>\n</body>\n</html>"
    )
    .unwrap();
    out
}

fn row(out: &mut String, record: &LearnerRecord, stuck: bool) {
    let class = if stuck { "learner stuck" } else { "learner" };
    let exercise = if record.finished() {
        "all done"
    } else {
        &record.current
    };
    let bars: String = record
        .phases
        .iter()
        .map(|p| bar(p, !record.finished() && p.number == record.current_phase))
        .collect();
    writeln!(
        out,
        "<tr class=\"{class}\"><td class=\"name\">{}</td><td><div class=\"bars\">{bars}</div></td>\
         <td class=\"exercise\">{}</td><td class=\"done\">{}/{}</td><td class=\"last-pass\">{}</td></tr>",
        escape(&record.learner),
        escape(exercise),
        record.done,
        record.total,
        escape(&record.last_pass_shown())
    )
    .unwrap();
}

fn bar(phase: &PhaseRecord, here: bool) -> String {
    let percent = (phase.done * 100)
        .checked_div(phase.total)
        .unwrap_or(0)
        .min(100);
    let class = if here { "bar here" } else { "bar" };
    format!(
        "<div class=\"{class}\" title=\"Phase {}: {}, {} of {} done\">\
         <div class=\"fill\" style=\"width:{percent}%\"></div>\
         <span class=\"label\">{} &middot; {}/{}</span></div>",
        phase.number,
        escape(&phase.title),
        phase.done,
        phase.total,
        phase.number,
        phase.done,
        phase.total
    )
}

/// Text as HTML shows it, never as markup, in element content and in
/// quoted attributes alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_name_is_shown_as_text() {
        assert_eq!(
            escape(r#"<b a='x'>"Tom" & co</b>"#),
            "&lt;b a=&#39;x&#39;&gt;&quot;Tom&quot; &amp; co&lt;/b&gt;"
        );
    }
}
