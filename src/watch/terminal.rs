//! The terminal for watch mode: single key presses without Enter, an
//! alternate screen, and a promise to give the terminal back as it was,
//! whatever happens (quit, Ctrl-C, a panic).

use std::io::{Read, Write};
use std::sync::mpsc::Sender;
use std::sync::Mutex;

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

/// The terminal settings to restore, saved when raw mode began.
static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

const ENTER_SCREEN: &str = "\x1b[?1049h\x1b[?25l";
const LEAVE_SCREEN: &str = "\x1b[?25h\x1b[?1049l";

/// Raw-ish mode for as long as it lives: keys arrive one at a time and are
/// not echoed; Ctrl-C arrives as a key (so quitting is always clean).
/// Output processing stays on, so "\n" still starts a new line.
pub struct RawMode(());

impl RawMode {
    pub fn enter() -> std::io::Result<RawMode> {
        let fd = libc::STDIN_FILENO;
        // SAFETY: termios is plain data; tcgetattr fills it or fails.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut termios) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        *SAVED.lock().unwrap_or_else(|e| e.into_inner()) = Some(termios);
        let mut raw = termios;
        raw.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN);
        raw.c_iflag &= !(libc::IXON | libc::ICRNL);
        raw.c_cc[libc::VMIN] = 1;
        raw.c_cc[libc::VTIME] = 0;
        // SAFETY: fd is our stdin and raw a valid termios.
        if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &raw) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        install_panic_hook();
        print!("{ENTER_SCREEN}");
        let _ = std::io::stdout().flush();
        Ok(RawMode(()))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back: normal screen, cursor, line mode and echo.
/// Safe to call more than once.
pub fn restore() {
    if let Some(termios) = SAVED.lock().unwrap_or_else(|e| e.into_inner()).take() {
        print!("{LEAVE_SCREEN}");
        let _ = std::io::stdout().flush();
        // SAFETY: restoring the settings tcgetattr gave us.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &termios);
        }
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

/// Turns SIGTERM, SIGHUP and SIGINT (a closed terminal, `kill`) into a
/// clean exit: the running check is stopped and the terminal restored.
/// SIGWINCH (the window was resized) becomes a `Resized` event, so the
/// screen is drawn again at the new width.
/// The signals are blocked in every thread and taken by one thread with
/// `sigwait`, so no code runs inside a signal handler. Call before any
/// other thread starts (threads inherit the mask; child processes do not,
/// std resets it when it spawns them).
pub fn handle_signals<E: From<Resized> + Send + 'static>(events: Sender<E>) {
    // SAFETY: sigset_t is plain data, set up by sigemptyset/sigaddset.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe {
        libc::sigemptyset(&mut set);
        for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT, libc::SIGWINCH] {
            libc::sigaddset(&mut set, signal);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
    std::thread::spawn(move || loop {
        let mut signal = 0;
        // SAFETY: waits for one of the blocked signals in `set`.
        if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
            return;
        }
        if signal == libc::SIGWINCH {
            crate::style::measure_width();
            if events.send(E::from(Resized)).is_err() {
                return;
            }
            continue;
        }
        crate::check::process::kill_running();
        restore();
        std::process::exit(128 + signal);
    });
}

/// The terminal window changed size.
#[derive(Debug)]
pub struct Resized;

/// Reads keys from stdin on a thread of its own, sending each as it comes.
pub fn spawn_key_reader<E: From<Key> + Send + 'static>(events: Sender<E>) {
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        let mut buf = [0u8; 16];
        loop {
            let n = match stdin.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            for key in parse_keys(&buf[..n]) {
                if events.send(E::from(key)).is_err() {
                    return;
                }
            }
        }
    });
}

/// Bytes to keys: plain characters, Enter, Backspace, Ctrl-C, Escape and
/// the up/down arrows (ESC [ A / ESC [ B).
pub fn parse_keys(bytes: &[u8]) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let key = match bytes[i] {
            0x1b if bytes.get(i + 1) == Some(&b'[') => {
                i += 2;
                match bytes.get(i) {
                    Some(b'A') => Some(Key::Up),
                    Some(b'B') => Some(Key::Down),
                    _ => None,
                }
            }
            0x1b => Some(Key::Escape),
            0x03 => Some(Key::CtrlC),
            b'\r' | b'\n' => Some(Key::Enter),
            0x7f | 0x08 => Some(Key::Backspace),
            b if b.is_ascii_graphic() || b == b' ' => Some(Key::Char(b as char)),
            _ => None,
        };
        keys.extend(key);
        i += 1;
    }
    keys
}

/// The terminal's width in columns (80 when it cannot be known).
pub fn width() -> usize {
    let (_, cols) = console::Term::stdout().size();
    usize::from(cols).clamp(40, 200)
}

/// The terminal's height in lines (24 when it cannot be known).
pub fn height() -> usize {
    let (rows, _) = console::Term::stdout().size();
    usize::from(rows).clamp(10, 200)
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

    #[test]
    fn keys_are_parsed_from_bytes() {
        assert_eq!(
            parse_keys(b"nq\r\x03\x1b[A\x1b[B\x7f"),
            [
                Key::Char('n'),
                Key::Char('q'),
                Key::Enter,
                Key::CtrlC,
                Key::Up,
                Key::Down,
                Key::Backspace
            ]
        );
        assert_eq!(parse_keys(b"\x1b"), [Key::Escape]);
    }
}
