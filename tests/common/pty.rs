//! Drives a program in a pseudo-terminal, as a person at a keyboard would:
//! type keys, read the screen, check the terminal's mode afterwards.

use std::io::{Read, Write};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

pub struct Pty {
    /// Kept open to read the terminal's mode after the program is gone.
    master: Box<dyn portable_pty::MasterPty + Send>,
    /// The keyboard.
    keys: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Pty {
    /// Starts `command` on a new 100x40 terminal, its controlling terminal
    /// (portable-pty makes it so, as a real terminal is).
    pub fn spawn(command: Command) -> Pty {
        let size = PtySize {
            rows: 40,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .expect("a pseudo-terminal");
        let child = pair
            .slave
            .spawn_command(builder(&command))
            .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            keys: pair.master.take_writer().unwrap(),
            master: pair.master,
            output,
            child,
        }
    }

    /// Everything the program wrote, escape codes included.
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// How many bytes the program has written so far: a mark for
    /// [`Pty::written_since`].
    pub fn written(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// What the program wrote after the mark `at`, escape codes included.
    pub fn written_since(&self, at: usize) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()[at..]).into_owned()
    }

    /// The last screen drawn, as plain text.
    pub fn screen(&self) -> String {
        let raw = self.raw();
        let last = raw.rsplit("\x1b[2J").next().unwrap_or_default();
        console::strip_ansi_codes(last).into_owned()
    }

    /// Waits until the screen shows `text`; panics with the screen if not.
    pub fn wait_for(&self, text: &str, within: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < within,
                "after {within:?} the screen does not show {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }

    /// What a closing terminal window does: SIGHUP to the program.
    pub fn hang_up(&self) {
        use nix::sys::signal::{kill, Signal};
        kill(self.pid(), Signal::SIGHUP).unwrap();
    }

    fn pid(&self) -> nix::unistd::Pid {
        let pid = self
            .child
            .process_id()
            .expect("the program has a process id");
        nix::unistd::Pid::from_raw(pid as i32)
    }

    /// Waits for the program to end.
    pub fn wait(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < within,
                "the program did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the program watches the folder at `dir` for changes: one of
    /// its inotify watches (Linux, as /proc lists them) is on that folder.
    #[cfg(target_os = "linux")]
    pub fn watches_folder(&self, dir: &std::path::Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        let Ok(inode) = std::fs::metadata(dir).map(|m| m.ino()) else {
            return false;
        };
        let wanted = format!(" ino:{inode:x} ");
        let fdinfo = format!("/proc/{}/fdinfo", self.pid());
        std::fs::read_dir(fdinfo)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|fd| std::fs::read_to_string(fd.path()).ok())
            .any(|info| {
                info.lines()
                    .any(|l| l.starts_with("inotify wd:") && l.contains(&wanted))
            })
    }

    /// True when the terminal is back in its normal mode: lines and echo.
    pub fn terminal_is_normal(&self) -> bool {
        let termios = self.master.get_termios().expect("the terminal's mode");
        let flags = termios.local_flags.bits();
        flags & libc::ICANON != 0 && flags & libc::ECHO != 0
    }
}

/// `command` as portable-pty starts it: the same program, arguments,
/// environment and folder.
fn builder(command: &Command) -> CommandBuilder {
    let mut builder = CommandBuilder::new(command.get_program());
    builder.args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => builder.env(key, value),
            None => builder.env_remove(key),
        }
    }
    let here = std::env::current_dir().unwrap();
    builder.cwd(command.get_current_dir().unwrap_or(&here));
    builder
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
