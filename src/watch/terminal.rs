//! The terminal for watch mode: single key presses without Enter, an
//! alternate screen, and a promise to give the terminal back as it was,
//! whatever happens (quit, Ctrl-C, a panic, SIGTERM, a closed terminal).
//!
//! crossterm does the platform's work (termios on Unix, the console's
//! modes on Windows) and turns the terminal's input into key and resize
//! events; this module keeps only the keys the screen knows.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use crossterm::event::{self, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, terminal, ExecutableCommand};

/// A key the watch screen reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Escape,
    Backspace,
    Up,
    Down,
    CtrlC,
}

/// Whether raw mode is on, so that restoring is done once.
static RAW: AtomicBool = AtomicBool::new(false);

/// Raw mode for as long as it lives: keys arrive one at a time and are not
/// echoed; Ctrl-C arrives as a key (so quitting is always clean). Raw mode
/// also stops the terminal from turning "\n" into "\r\n": write with
/// [`raw_lines`].
pub struct RawMode(());

impl RawMode {
    pub fn enter() -> std::io::Result<RawMode> {
        terminal::enable_raw_mode()?;
        RAW.store(true, Ordering::SeqCst);
        install_panic_hook();
        on_termination();
        let mut stdout = std::io::stdout();
        stdout
            .execute(terminal::EnterAlternateScreen)?
            .execute(cursor::Hide)?;
        Ok(RawMode(()))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back: normal screen, cursor, line mode and echo.
/// Safe to call more than once, from any thread.
pub fn restore() {
    if RAW.swap(false, Ordering::SeqCst) {
        let mut stdout = std::io::stdout();
        let _ = stdout.execute(cursor::Show);
        let _ = stdout.execute(terminal::LeaveAlternateScreen);
        let _ = stdout.flush();
        let _ = terminal::disable_raw_mode();
    }
}

/// A panic restores the terminal first, so its message is readable and the
/// shell is usable, and stops the running check.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        crate::check::process::kill_running();
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP and SIGINT (a closed terminal, `kill`; Windows: the
/// console closing) become a clean exit: the running check is stopped and
/// the terminal restored, on a thread of their own, never in a signal
/// handler.
fn on_termination() {
    let _ = crate::os::on_termination(|status| {
        crate::check::process::kill_running();
        restore();
        std::process::exit(status);
    });
}

/// The terminal window changed size.
#[derive(Debug)]
pub struct Resized;

/// Reads the terminal's events on a thread of its own, sending each key
/// and resize as it comes. `event::read` blocks: an idle watcher uses no
/// CPU.
pub fn spawn_event_reader<E: From<Key> + From<Resized> + Send + 'static>(events: Sender<E>) {
    std::thread::spawn(move || loop {
        let sent = match event::read() {
            Ok(event::Event::Key(key)) => match to_key(key) {
                Some(key) => events.send(E::from(key)),
                None => Ok(()),
            },
            Ok(event::Event::Resize(..)) => {
                crate::style::measure_width();
                events.send(E::from(Resized))
            }
            Ok(_) => Ok(()),
            Err(_) => return,
        };
        if sent.is_err() {
            return;
        }
    });
}

/// The keys the screen knows: characters (any, not only ASCII), Enter,
/// Backspace and Delete, Ctrl-C, Escape and the up/down arrows. A key's
/// release (Windows reports those) is not a key press.
pub fn to_key(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Key::CtrlC,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Escape,
        KeyCode::Backspace | KeyCode::Delete => Key::Backspace,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        _ => return None,
    })
}

/// `text` for a terminal in raw mode: every line ends in "\r\n".
pub fn raw_lines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// The terminal's width in columns (80 when it cannot be known).
pub fn width() -> usize {
    usize::from(size().0).clamp(40, 200)
}

/// The terminal's height in lines (24 when it cannot be known).
pub fn height() -> usize {
    usize::from(size().1).clamp(10, 200)
}

fn size() -> (u16, u16) {
    terminal::size().unwrap_or((80, 24))
}

/// A clickable link to a file (OSC 8), for terminals that show them;
/// others print the text alone.
pub fn file_link(path: &std::path::Path, text: &str) -> String {
    if console::colors_enabled() {
        format!(
            "\x1b]8;;file://{}\x1b\\{text}\x1b]8;;\x1b\\",
            path.display()
        )
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Key> {
        to_key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_are_the_screens_keys() {
        let none = KeyModifiers::NONE;
        assert_eq!(press(KeyCode::Char('n'), none), Some(Key::Char('n')));
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Key::CtrlC)
        );
        assert_eq!(press(KeyCode::Char('x'), KeyModifiers::CONTROL), None);
        assert_eq!(press(KeyCode::Enter, none), Some(Key::Enter));
        assert_eq!(press(KeyCode::Esc, none), Some(Key::Escape));
        assert_eq!(press(KeyCode::Up, none), Some(Key::Up));
        assert_eq!(press(KeyCode::Down, none), Some(Key::Down));
        assert_eq!(press(KeyCode::Backspace, none), Some(Key::Backspace));
        assert_eq!(press(KeyCode::F(1), none), None);
    }

    /// Delete arrived as `~` from the old byte parser, and non-ASCII input
    /// was dropped.
    #[test]
    fn delete_and_non_ascii_keys_are_kept() {
        let none = KeyModifiers::NONE;
        assert_eq!(press(KeyCode::Delete, none), Some(Key::Backspace));
        assert_eq!(press(KeyCode::Char('é'), none), Some(Key::Char('é')));
        assert_eq!(
            press(KeyCode::Char('É'), KeyModifiers::SHIFT),
            Some(Key::Char('É'))
        );
    }

    #[test]
    fn a_released_key_is_not_pressed() {
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(to_key(release), None);
    }

    #[test]
    fn lines_end_in_cr_lf_in_raw_mode() {
        assert_eq!(raw_lines("a\nb\r\nc"), "a\r\nb\r\nc");
    }
}
