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

/// [`wrap`] to a width of the caller's (the watch screen knows its own).
pub fn wrap_to(text: &str, width: usize) -> String {
    let mut wrapped: Vec<String> = text
        .lines()
        .map(|line| {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            fold(body, width, indent, indent)
        })
        .collect();
    if text.ends_with('\n') {
        wrapped.push(String::new());
    }
    wrapped.join("\n")
}

/// Folds one paragraph at spaces to `width` columns, the first line
/// starting with `first`, the others with `rest`. A word wider than the
/// line (a path, a URL) is kept whole: cut, it could not be copied.
pub fn fold(text: &str, width: usize, first: &str, rest: &str) -> String {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(false);
    textwrap::fill(text, options)
}

/// Text from the compiler keeps its colours only when we show colours.
pub fn compiler_text(rendered: &str) -> String {
    if console::colors_enabled() {
        rendered.to_string()
    } else {
        console::strip_ansi_codes(rendered).into_owned()
    }
}

/// The course's progress bar (for `verify` and `dev check`): `total` steps,
/// drawn on `target`.
pub fn progress_bar(total: usize, target: indicatif::ProgressDrawTarget) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(Some(total as u64), target);
    bar.set_style(
        indicatif::ProgressStyle::with_template("[{bar:30}] {pos}/{len} {elapsed} {wide_msg}")
            .expect("a valid template")
            .progress_chars("#>-"),
    );
    bar
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

    #[test]
    fn a_hanging_indent_and_long_words_kept_whole() {
        assert_eq!(
            fold(
                "Hint 1/2: see /a/very/long/path/to/a/file.rs now",
                16,
                "",
                "  "
            ),
            "Hint 1/2: see\n  /a/very/long/path/to/a/file.rs\n  now"
        );
    }
}
