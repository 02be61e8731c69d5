//! Colour is decided once, at start: off when stdout is not a terminal, for
//! `TERM=dumb`, and when NO_COLOR is set (https://no-color.org). Everything
//! else styles text with `console::style`, which obeys that decision.

use std::io::IsTerminal;

/// Decides colours for the whole process; call once at start.
pub fn init() {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let enabled = !no_color && !dumb && std::io::stdout().is_terminal();
    console::set_colors_enabled(enabled);
    console::set_colors_enabled_stderr(enabled && std::io::stderr().is_terminal());
}

/// Text from the compiler keeps its colours only when we show colours.
pub fn compiler_text(rendered: &str) -> String {
    if console::colors_enabled() {
        rendered.to_string()
    } else {
        console::strip_ansi_codes(rendered).into_owned()
    }
}
