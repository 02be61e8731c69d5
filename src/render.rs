//! Turning an Outcome into text for people: the verdict, then the one thing
//! to look at (the named mistake, else the compiler's error, the failing
//! test's message, or the program's output), trimmed to stay readable.
//! The evidence is shown tidied (paths into dependencies shortened, the
//! program's machine-readable event lines left out, and what they reported
//! said once, in a sentence); the Outcome itself, which the diagnosis and
//! `--json` read, is never changed.

use std::fmt::Write;

use asynclings_diagnosis::is_event_line;
use console::style;
use similar::{ChangeTag, TextDiff};

use crate::outcome::{Event, Finding, Outcome, Verdict};
use crate::style::{compiler_text, wrap};

/// How much evidence to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// A screen's worth: the first error, the first failing test, the tail
    /// of the output (watch mode).
    Brief,
    /// Everything useful, still capped (`run`).
    Full,
}

impl Detail {
    fn max_lines(self) -> usize {
        match self {
            Detail::Brief => 20,
            Detail::Full => 80,
        }
    }

    fn max_items(self) -> usize {
        match self {
            Detail::Brief => 1,
            Detail::Full => 3,
        }
    }
}

/// The verdict line, such as "✓ passed  exercises/01_why_async/p1_tables.rs".
pub fn verdict_line(outcome: &Outcome) -> String {
    let label = if outcome.passed() {
        style(format!("✓ {}", outcome.verdict.label()))
            .green()
            .bold()
    } else {
        style(format!("✗ {}", outcome.verdict.label())).red().bold()
    };
    format!("{label}  {}", style(&outcome.path).bold())
}

/// The whole report of one check.
pub fn outcome(outcome: &Outcome, detail: Detail) -> String {
    let mut out = String::new();
    writeln!(out, "{}", verdict_line(outcome)).unwrap();
    writeln!(out, "{}", wrap(&outcome.summary)).unwrap();
    if let Some(top) = outcome.mistakes.first() {
        out.push('\n');
        out.push_str(&mistake(top, &outcome.path));
        let others = &outcome.mistakes[1..];
        if !others.is_empty() {
            let ids: Vec<String> = others
                .iter()
                .map(|m| format!("{} (line {})", m.id, m.line))
                .collect();
            writeln!(
                out,
                "{}",
                style(format!("  Also possible: {}", ids.join(", "))).dim()
            )
            .unwrap();
        }
    }
    // On a screen, a named mistake is the one thing to look at; the
    // compiler's long text stays one command away.
    let named = !outcome.mistakes.is_empty();
    if detail == Detail::Brief && named && outcome.verdict == Verdict::CompileError {
        let more = "(the compiler's full message: `asynclings run`)";
        writeln!(out, "{}", style(more).dim()).unwrap();
    } else {
        let evidence = evidence(outcome, detail);
        if !evidence.is_empty() {
            out.push('\n');
            out.push_str(&trim_lines(&evidence, detail.max_lines()));
        }
    }
    if !outcome.notes.is_empty() {
        out.push('\n');
        out.push_str(&notes(outcome));
    }
    out
}

/// The style observations, one line each (never the reason for a failure).
pub fn notes(outcome: &Outcome) -> String {
    let mut out = String::new();
    for note in &outcome.notes {
        let line = format!(
            "{} line {}: {}",
            style("note:").cyan(),
            note.line,
            note.message
        );
        writeln!(out, "{}", wrap(&line)).unwrap();
    }
    out
}

/// A named mistake, prominently: its title, where, and the explanation.
pub fn mistake(finding: &Finding, path: &str) -> String {
    let title = finding.id.mistake().title;
    let place = match (finding.line, finding.column) {
        (0, _) => path.to_string(),
        (line, 0) => format!("{path}:{line}"),
        (line, column) => format!("{path}:{line}:{column}"),
    };
    // A finding the evidence does not single out is told as one.
    let label = if finding.is_sure() {
        "Mistake:"
    } else {
        "Possibly:"
    };
    wrap(&format!(
        "{} {} [{}]\n  at {}\n  {}\n",
        style(label).yellow().bold(),
        style(title).bold(),
        finding.id,
        place,
        finding.message.replace('\n', "\n  ")
    ))
}

/// A named mistake in one line: "mistake: blocking-in-async at path:27".
pub fn mistake_line(finding: &Finding, path: &str) -> String {
    let place = match finding.line {
        0 => path.to_string(),
        line => format!("{path}:{line}"),
    };
    let label = if finding.is_sure() {
        "mistake:"
    } else {
        "possibly:"
    };
    format!("{} {} at {place}", style(label).yellow(), finding.id)
}

/// The raw evidence behind the verdict.
fn evidence(outcome: &Outcome, detail: Detail) -> String {
    let mut out = String::new();
    let run = outcome.run.as_ref();
    let shown_tests = || outcome.failed_tests().take(detail.max_items());
    // Said first, so that trimming the evidence never hides it.
    if run.is_some_and(|r| r.output_truncated) {
        let note =
            "(output truncated: the program printed more than 1 MiB; only the start is kept)";
        writeln!(out, "{}", style(note).dim()).unwrap();
    }
    if outcome.verdict != Verdict::Passed {
        if let Some(stalls) = stalls(&outcome.events) {
            writeln!(out, "{}", wrap(&stalls)).unwrap();
        }
    }
    match outcome.verdict {
        Verdict::Passed => {}
        Verdict::CompileError => {
            for error in outcome.errors().take(detail.max_items()) {
                out.push_str(&compiler_text(&shorten_dependency_paths(&error.rendered)));
            }
            let more = outcome.errors().count().saturating_sub(detail.max_items());
            if more > 0 {
                writeln!(
                    out,
                    "{}",
                    style(format!("... and {more} more error(s).")).dim()
                )
                .unwrap();
            }
        }
        Verdict::TestFailed => {
            for test in shown_tests() {
                writeln!(
                    out,
                    "{} {}",
                    style("failed test:").red(),
                    style(&test.name).bold()
                )
                .unwrap();
                if let Some(message) = &test.message {
                    let message = tidy(&visible(message));
                    writeln!(out, "{}", wrap(&indent(&message))).unwrap();
                }
            }
        }
        Verdict::WrongOutput => {
            let expected = outcome.expected_output.as_deref().unwrap_or_default();
            out.push_str(&output_diff(
                expected,
                run.map_or("", |r| r.stdout.as_str()),
            ));
        }
        Verdict::TimedOut | Verdict::Panicked | Verdict::Failed => {
            if let Some(run) = run {
                for (name, text) in [("output", &run.stdout), ("errors", &run.stderr)] {
                    let text = tidy(&visible(text));
                    if !text.trim().is_empty() {
                        writeln!(
                            out,
                            "{}",
                            style(format!("The program's {name} (last lines):")).dim()
                        )
                        .unwrap();
                        writeln!(
                            out,
                            "{}",
                            indent(&crate::check::build::last_lines(
                                &text,
                                detail.max_lines() / 2
                            ))
                        )
                        .unwrap();
                    }
                }
            }
        }
    }
    out
}

/// A path into a dependency's source, from the crate on:
/// `/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.47.1/src/x.rs:1:2`
/// becomes `tokio-1.47.1/src/x.rs:1:2`. Cargo's own folders tell a learner
/// nothing, and make the line wider than the screen.
fn shorten_dependency_paths(text: &str) -> String {
    // Where cargo keeps dependencies' sources, and how many folders after
    // it name nothing but cargo's bookkeeping (the registry's index).
    const STORES: [(&str, usize); 2] = [("/registry/src/", 1), ("/git/checkouts/", 0)];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, store, skip)) = STORES
        .iter()
        .filter_map(|&(store, skip)| rest.find(store).map(|at| (at, store, skip)))
        .min()
    {
        // The path starts at the first `/` (or `~`) of the run of path
        // characters before the store: whatever precedes it is kept.
        let run = rest[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || "/._-~+@".contains(c)))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let start = run + rest[run..at].find(['/', '~']).unwrap_or(0);
        let mut end = at + store.len();
        for _ in 0..skip {
            match rest[end..].find('/') {
                Some(slash) => end += slash + 1,
                None => break,
            }
        }
        out.push_str(&rest[..start]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// What the watchdog reported, in one sentence: it reports every stall it
/// sees, once per test (each test has a loop of its own), and the longest
/// speaks for all.
pub fn stalls(events: &[Event]) -> Option<String> {
    let stalls: Vec<u64> = events.iter().filter_map(Event::loop_blocked_ms).collect();
    let longest = stalls.iter().max()?;
    Some(match stalls.len() {
        1 => format!("The event loop was blocked for at least {longest} ms."),
        n => format!(
            "The event loop was blocked for at least {longest} ms (the longest of {n} reports)."
        ),
    })
}

/// A program's text as shown: paths shortened, its event lines (data for
/// the runner, said in a sentence of their own) left out.
fn tidy(text: &str) -> String {
    shorten_dependency_paths(text)
        .lines()
        .filter(|line| !is_event_line(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expected versus actual output, line by line ("-" expected, "+" actual).
pub fn output_diff(expected: &str, actual: &str) -> String {
    let mut out = String::from("Expected output (-) versus what the program printed (+):\n");
    for change in TextDiff::from_lines(expected, actual).iter_all_changes() {
        writeln!(out, "{}", diff_line(&change)).unwrap();
    }
    out
}

/// One line of a diff: "- " removed (red), "+ " added (green), "  " same.
pub fn diff_line(change: &similar::Change<&str>) -> String {
    let line = visible(change.to_string_lossy().trim_end_matches('\n'));
    match change.tag() {
        ChangeTag::Delete => style(format!("- {line}")).red().to_string(),
        ChangeTag::Insert => style(format!("+ {line}")).green().to_string(),
        ChangeTag::Equal => format!("  {line}"),
    }
}

/// A program's text as shown: its control characters (escape sequences
/// that would set the title, clear the screen or leave the runner's
/// alternate screen, carriage returns, bells...) made visible instead of
/// obeyed. Line breaks (`\n`, `\r\n`) and tabs stay.
pub fn visible(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            // The Control Pictures block draws C0 controls: ESC as `␛`.
            '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap().to_string(),
            '\u{7f}' => "␡".to_string(),
            '\u{80}'..='\u{9f}' => c.escape_unicode().to_string(),
            _ => c.to_string(),
        })
        .collect()
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// At most `max` lines of at most MAX_WIDTH characters each.
fn trim_lines(text: &str, max: usize) -> String {
    const MAX_WIDTH: usize = 200;
    let lines: Vec<_> = text
        .lines()
        .map(|line| console::truncate_str(line, MAX_WIDTH, "…"))
        .collect();
    if lines.len() <= max {
        return lines.join("\n") + "\n";
    }
    let mut out = lines[..max].join("\n");
    write!(
        out,
        "\n{}\n",
        style(format!(
            "... {} more lines (run `asynclings run` to see everything)",
            lines.len() - max
        ))
        .dim()
    )
    .unwrap();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programs_control_characters_are_shown_not_obeyed() {
        let shown = visible("\x1b]0;pwned\x07\x1b[2J\x1b[?1049lok\rover\r\n\tnext\u{9b}");
        assert_eq!(shown, "␛]0;pwned␇␛[2J␛[?1049lok␍over\n\tnext\\u{9b}");
        assert!(!shown.contains(['\x1b', '\x07', '\r', '\u{9b}']));
    }

    #[test]
    fn the_diff_marks_missing_and_extra_lines() {
        console::set_colors_enabled(false);
        let diff = output_diff("task A\ntask B\n", "task B\ntask A\n");
        assert!(
            diff.contains("- task A") || diff.contains("- task B"),
            "{diff}"
        );
        assert!(diff.contains("+ task"), "{diff}");
    }

    #[test]
    fn dependency_paths_keep_what_precedes_them() {
        let cases = [
            (
                "at \x1b[0m/home/me/.cargo/registry/src/index.crates.io-abc/tokio-1.47.1/src/lib.rs:3:4",
                "at \x1b[0mtokio-1.47.1/src/lib.rs:3:4",
            ),
            (
                "(~/.cargo/git/checkouts/tokio-9f2a/4e1b2c3/tokio/src/a.rs:1:1)",
                "(tokio-9f2a/4e1b2c3/tokio/src/a.rs:1:1)",
            ),
            ("exercises/p1.rs:3:4 stays", "exercises/p1.rs:3:4 stays"),
        ];
        for (text, shown) in cases {
            assert_eq!(shorten_dependency_paths(text), shown);
        }
    }

    #[test]
    fn long_evidence_is_trimmed() {
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let trimmed = trim_lines(&text, 10);
        assert!(trimmed.contains("line 9") && !trimmed.contains("line 10\n"));
        assert!(trimmed.contains("90 more lines"));
        let wide = trim_lines(&"x".repeat(5000), 10);
        assert!(wide.len() < 300, "{}", wide.len());
    }
}
