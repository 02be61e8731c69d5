//! Drives a program in a pseudo-terminal, as a person at a keyboard would:
//! type keys, read the screen, check the terminal's mode afterwards.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    master: std::fs::File,
    /// Kept open to read the terminal's mode after the program is gone.
    slave: OwnedFd,
    output: Arc<Mutex<Vec<u8>>>,
    child: Child,
}

impl Pty {
    /// Starts `command` on a new 100x40 terminal.
    pub fn spawn(mut command: Command) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let mut size = libc::winsize {
            ws_row: 40,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty fills two fds; the null name and termios are allowed.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null_mut(), // `*const` on Linux, `*mut` on macOS
                &raw mut size,
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both fds were just opened and are owned here.
        let (master, slave) = unsafe {
            (
                std::fs::File::from_raw_fd(master),
                OwnedFd::from_raw_fd(slave),
            )
        };
        for stdio in 0..3 {
            let fd = slave.try_clone().unwrap();
            match stdio {
                0 => command.stdin(fd),
                1 => command.stdout(fd),
                _ => command.stderr(fd),
            };
        }
        // SAFETY: setsid and TIOCSCTTY are async-signal-safe; they make the
        // pty the child's controlling terminal, as a real terminal is.
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY as _, 0); // its type differs by platform
                Ok(())
            });
        }
        let child = command.spawn().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
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
            master,
            slave,
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
        self.master.write_all(keys.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// What a closing terminal window does: SIGHUP to the program.
    pub fn hang_up(&self) {
        // SAFETY: sends a signal to our own child.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGHUP);
        }
    }

    /// Waits for the program to end.
    pub fn wait(&mut self, within: Duration) -> ExitStatus {
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
        let fdinfo = format!("/proc/{}/fdinfo", self.child.id());
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
        // SAFETY: termios is plain data, filled by tcgetattr.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(
            unsafe { libc::tcgetattr(self.slave.as_raw_fd(), &mut termios) },
            0
        );
        termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
