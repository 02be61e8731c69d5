//! Colour is decided once, at start: off when stdout is not a terminal, for
//! `TERM=dumb`, and when NO_COLOR is set (https://no-color.org). Everything
//! else styles text with `console::style`, which obeys that decision.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The width prose is wrapped to; 0 means "do not wrap" (not a terminal:
/// a program or a file reads the text, and lines are theirs to fold).
static WRAP_WIDTH: AtomicUsize = AtomicUsize::new(0);

/// Decides colours for the whole process; call once at start.
pub fn init() {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let enabled = !no_color && !dumb && std::io::stdout().is_terminal();
    console::set_colors_enabled(enabled);
    console::set_colors_enabled_stderr(enabled && std::io::stderr().is_terminal());
    if std::io::stdout().is_terminal() {
        measure_width();
    }
}

/// Reads the terminal's width again (at start, and when it is resized).
pub fn measure_width() {
    let (_, columns) = console::Term::stdout().size();
    WRAP_WIDTH.store(usize::from(columns).clamp(40, 120), Ordering::Relaxed);
}

/// Folds long lines of prose at spaces to the terminal's width, keeping
/// each line's indentation. Code (the compiler's own text) is not prose.
pub fn wrap(text: &str) -> String {
    let width = WRAP_WIDTH.load(Ordering::Relaxed);
    if width == 0 {
        return text.to_string();
    }
    wrap_to(text, width)
}

fn wrap_to(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let indent = &line[..line.len() - line.trim_start().len()];
        let mut current = String::new();
        for word in line.split_whitespace() {
            let next_width =
                console::measure_text_width(&current) + 1 + console::measure_text_width(word);
            if !current.is_empty() && next_width > width {
                out.push(std::mem::take(&mut current));
            }
            if current.is_empty() {
                current.push_str(indent);
            } else {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(current);
    }
    let mut wrapped = out.join("\n");
    if text.ends_with('\n') {
        wrapped.push('\n');
    }
    wrapped
}

/// Text from the compiler keeps its colours only when we show colours.
pub fn compiler_text(rendered: &str) -> String {
    if console::colors_enabled() {
        rendered.to_string()
    } else {
        console::strip_ansi_codes(rendered).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_folded_at_spaces_keeping_the_indent() {
        let text = "  a future is a value that isn't here yet\nshort\n";
        assert_eq!(
            wrap_to(text, 20),
            "  a future is a\n  value that isn't\n  here yet\nshort\n"
        );
    }
}
