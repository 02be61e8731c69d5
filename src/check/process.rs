//! Running a program we do not trust: stdin closed, its own process group,
//! a time limit, and a cap on how much output is kept.
//!
//! On expiry the whole group gets SIGTERM, a short grace period, then
//! SIGKILL, so a program that spawned children or ignores SIGTERM is still
//! stopped, and nothing is left running.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

/// How much of each of stdout and stderr is kept.
pub const OUTPUT_CAP: usize = 1024 * 1024;
/// How long a program has to exit after SIGTERM before SIGKILL.
const GRACE: Duration = Duration::from_millis(300);

/// What a limited run learned.
#[derive(Debug)]
pub struct Finished {
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    pub duration: Duration,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub truncated: bool,
}

impl Finished {
    pub fn exit_code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    pub fn signal(&self) -> Option<i32> {
        self.status.and_then(|s| s.signal())
    }
}

/// Runs `command` to completion or until `limit` has passed.
pub fn run_limited(mut command: Command, limit: Duration) -> std::io::Result<Finished> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let start = Instant::now();
    let mut child = command.spawn()?;
    let group = child.id() as libc::pid_t;
    let _running = Running::register(group);
    let stdout = read_capped(child.stdout.take().expect("stdout is piped"));
    let stderr = read_capped(child.stderr.take().expect("stderr is piped"));

    let mut timed_out = false;
    let status = match wait_until(&mut child, start + limit)? {
        Some(status) => Some(status),
        None => {
            timed_out = true;
            signal_group(group, libc::SIGTERM);
            match wait_until(&mut child, Instant::now() + GRACE)? {
                Some(status) => Some(status),
                None => {
                    signal_group(group, libc::SIGKILL);
                    Some(child.wait()?)
                }
            }
        }
    };
    let duration = start.elapsed();
    // Anything the program left behind in its group goes too.
    signal_group(group, libc::SIGKILL);

    let (stdout, cut_out) = stdout.join().unwrap_or_default();
    let (stderr, cut_err) = stderr.join().unwrap_or_default();
    Ok(Finished {
        status,
        timed_out,
        duration,
        stdout,
        stderr,
        truncated: cut_out || cut_err,
    })
}

/// Polls the child until it exits or the deadline passes. Polling every few
/// milliseconds costs nothing measurable and needs no extra thread per child.
fn wait_until(child: &mut Child, deadline: Instant) -> std::io::Result<Option<ExitStatus>> {
    let mut pause = Duration::from_micros(200);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(5));
    }
}

/// The process groups of the checks running now, so that quitting (or a
/// new save) can stop them: nothing is left running behind the learner.
static RUNNING: Mutex<Vec<libc::pid_t>> = Mutex::new(Vec::new());

/// Registers a process group for as long as it lives.
pub struct Running(libc::pid_t);

impl Running {
    pub fn register(group: libc::pid_t) -> Running {
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(group);
        Running(group)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|g| *g != self.0);
    }
}

/// Kills every running check (cargo and the programs it built).
pub fn kill_running() {
    for group in RUNNING.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        signal_group(*group, libc::SIGKILL);
    }
}

fn signal_group(group: libc::pid_t, signal: libc::c_int) {
    // SAFETY: killpg only sends a signal; an empty or gone group is ESRCH,
    // which is exactly "nothing left to stop".
    unsafe {
        libc::killpg(group, signal);
    }
}

/// Reads a pipe to its end on a thread of its own, keeping the first
/// OUTPUT_CAP bytes. The rest is read and dropped so the program never
/// blocks on a full pipe (that would look like a hang).
fn read_capped(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<(Vec<u8>, bool)> {
    thread::spawn(move || {
        let mut kept = Vec::new();
        let mut truncated = false;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let room = OUTPUT_CAP.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                    truncated |= n > room;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        (kept, truncated)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut c = Command::new("sh");
        c.arg("-c").arg(script);
        c
    }

    #[test]
    fn a_quick_program_is_captured() {
        let done =
            run_limited(sh("echo out; echo err >&2; exit 3"), Duration::from_secs(5)).unwrap();
        assert_eq!(done.exit_code(), Some(3));
        assert_eq!(done.stdout, b"out\n");
        assert_eq!(done.stderr, b"err\n");
        assert!(!done.timed_out && !done.truncated);
    }

    #[test]
    fn a_hung_program_and_its_children_are_stopped() {
        let start = Instant::now();
        let done = run_limited(
            sh("trap '' TERM; sleep 1000 & sleep 1000; wait"),
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(done.timed_out);
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(done.signal(), Some(libc::SIGKILL));
    }

    #[test]
    fn a_flood_of_output_is_capped() {
        let done = run_limited(sh("head -c 5000000 /dev/zero"), Duration::from_secs(10)).unwrap();
        assert_eq!(done.stdout.len(), OUTPUT_CAP);
        assert!(done.truncated);
        assert_eq!(done.exit_code(), Some(0));
    }
}
