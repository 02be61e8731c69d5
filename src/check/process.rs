//! Running a program we do not trust: stdin closed, its own process group,
//! a clean signal mask, a time limit, and a cap on how much output is kept.
//!
//! On expiry the whole group gets SIGTERM, a short grace period, then
//! SIGKILL, so a program that spawned children or ignores SIGTERM is still
//! stopped. A descendant that left the group (a daemon: `setsid`) is
//! adopted by the runner on Linux (see [`os::end_escapees`]) and ended too, and the
//! output pipes are read only a moment past the end, so nothing it holds
//! open can keep the runner waiting.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::os::{self, GroupId};

/// How much of each of stdout and stderr is kept.
pub const OUTPUT_CAP: usize = 1024 * 1024;
/// How long a program has to exit after SIGTERM before SIGKILL.
const GRACE: Duration = Duration::from_millis(300);
/// How long the output pipes are still read once the program has ended
/// (a descendant may hold them open).
const DRAIN: Duration = Duration::from_millis(200);

/// How often a run watched for quiet looks at the processor time it used.
const LOOK_EVERY: Duration = Duration::from_millis(250);

/// What a limited run learned.
#[derive(Debug)]
pub struct Finished {
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    /// Stopped before its limit (`timed_out` too): it used no processor
    /// time for the quiet span it was given (see [`run_watched`]).
    pub stopped_quiet: bool,
    pub duration: Duration,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub truncated: bool,
}

impl Finished {
    pub fn exit_code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    /// The signal that ended the program (Unix only).
    pub fn signal(&self) -> Option<i32> {
        os::exit_signal(&self.status?)
    }
}

/// Starts `command` in a process group of its own (so that it and its
/// children can be stopped together) with no signal blocked (see
/// [`os::spawn_in_group`]). The group is registered as running from the
/// moment it exists, so that no sweep for escaped processes ever takes it
/// for one.
pub fn spawn_contained(command: Command) -> std::io::Result<(Child, Running)> {
    os::adopt_orphans();
    let mut running = running();
    let child = os::spawn_in_group(command)?;
    let group = child.id();
    running.push((group, JOB.get()));
    Ok((child, Running(group)))
}

/// Runs `command` to completion or until `limit` has passed.
pub fn run_limited(command: Command, limit: Duration) -> std::io::Result<Finished> {
    run_watched(command, limit, None)
}

/// Runs `command` to completion or until `limit` has passed, or, given a
/// `quiet` span, until it has used no processor time for that long (Linux;
/// elsewhere the limit alone). Only for a program that cannot be waiting
/// on anything outside itself: see `check::quiet`.
pub fn run_watched(
    mut command: Command,
    limit: Duration,
    quiet: Option<Duration>,
) -> std::io::Result<Finished> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let (mut child, group) = spawn_contained(command)?;
    let stdout = CappedReader::start(child.stdout.take().expect("stdout is piped"));
    let stderr = CappedReader::start(child.stderr.take().expect("stderr is piped"));

    let mut timed_out = false;
    let (ended, stopped_quiet) = match quiet {
        Some(quiet) => wait_unless_quiet(&mut child, deadline(start, limit), quiet)?,
        None => (wait_until(&mut child, deadline(start, limit))?, false),
    };
    let status = match ended {
        Some(status) => Some(status),
        None => {
            timed_out = true;
            group.ask_to_stop();
            match wait_until(&mut child, deadline(Instant::now(), GRACE))? {
                Some(status) => Some(status),
                None => {
                    group.kill();
                    Some(child.wait()?)
                }
            }
        }
    };
    let duration = start.elapsed();
    // Anything the program left behind, in its group or escaped from it.
    group.kill_leftovers();
    end_escapees();

    let ended = Instant::now() + DRAIN;
    let (stdout, cut_out) = stdout.finish(ended);
    let (stderr, cut_err) = stderr.finish(ended);
    Ok(Finished {
        status,
        timed_out,
        stopped_quiet,
        duration,
        stdout,
        stderr,
        truncated: cut_out || cut_err,
    })
}

/// `start + limit`, or the far future for a limit too large to add.
pub fn deadline(start: Instant, limit: Duration) -> Instant {
    start
        .checked_add(limit)
        .unwrap_or_else(|| start + Duration::from_secs(60 * 60 * 24 * 365))
}

/// Polls the child until it exits or the deadline passes. Polling every few
/// milliseconds costs nothing measurable and needs no extra thread per child.
pub fn wait_until(child: &mut Child, deadline: Instant) -> std::io::Result<Option<ExitStatus>> {
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

/// [`wait_until`], and also `Ok((None, true))` as soon as the child has
/// used no processor time for `quiet`.
fn wait_unless_quiet(
    child: &mut Child,
    deadline: Instant,
    quiet: Duration,
) -> std::io::Result<(Option<ExitStatus>, bool)> {
    let mut last = None;
    let mut since = Instant::now();
    loop {
        let look = deadline.min(Instant::now() + LOOK_EVERY);
        if let Some(status) = wait_until(child, look)? {
            return Ok((Some(status), false));
        }
        if Instant::now() >= deadline {
            return Ok((None, false));
        }
        match os::cpu_ticks(child.id()) {
            Some(ticks) if Some(ticks) != last => {
                last = Some(ticks);
                since = Instant::now();
            }
            Some(_) if since.elapsed() >= quiet => return Ok((None, true)),
            _ => {}
        }
    }
}

/// The process groups running now, and the job each is for, so that
/// quitting (or a new save, or Ctrl-C) can stop them: nothing is left
/// running behind the learner.
static RUNNING: Mutex<Vec<(GroupId, Job)>> = Mutex::new(Vec::new());

/// What a process group is run for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Job {
    /// A check: a newer save makes it moot ([`kill_checks`]).
    Check,
    /// A recording the learner asked for (a timeline): it runs to its
    /// end, whatever is saved meanwhile.
    Recording,
}

thread_local! {
    /// The job of the programs this thread starts (see [`as_recording`]).
    static JOB: std::cell::Cell<Job> = const { std::cell::Cell::new(Job::Check) };
}

/// Runs `work` with every program it starts counted as a recording, which
/// [`kill_checks`] leaves alone; quitting still stops it.
pub fn as_recording<T>(work: impl FnOnce() -> T) -> T {
    let before = JOB.replace(Job::Recording);
    let result = work();
    JOB.set(before);
    result
}

/// A registered process group, for as long as it lives.
pub struct Running(GroupId);

impl Running {
    /// SIGTERM to the group (see [`os::ask_group_to_stop`]).
    pub fn ask_to_stop(&self) {
        os::ask_group_to_stop(self.0);
    }

    /// SIGKILL to the group (see [`os::kill_group`]).
    pub fn kill(&self) {
        os::kill_group(self.0);
    }

    /// Once the leader has exited: what is left of the group (see
    /// [`os::kill_leftovers`]).
    pub fn kill_leftovers(&self) {
        os::kill_leftovers(self.0);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        running().retain(|(group, _)| *group != self.0);
    }
}

fn running() -> std::sync::MutexGuard<'static, Vec<(GroupId, Job)>> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Kills everything running (checks and recordings: cargo and the programs
/// it built), and what escaped from them.
pub fn kill_running() {
    kill(|_| true);
}

/// Kills the running checks, leaving recordings to finish: what a new
/// check does first.
pub fn kill_checks() {
    kill(|job| job == Job::Check);
}

fn kill(wanted: impl Fn(Job) -> bool) {
    for (group, job) in running().iter() {
        if wanted(*job) {
            os::kill_group(*group);
        }
    }
    end_escapees();
}

/// Ends the descendants that left their process group (a daemon:
/// `setsid`), where they can be found (see [`os::end_escapees`]).
fn end_escapees() {
    // Held throughout: no check can start (and be taken for an escapee
    // before it is registered) while children are swept.
    let running = running();
    let registered: Vec<GroupId> = running.iter().map(|(group, _)| *group).collect();
    os::end_escapees(&registered);
}

/// For the commands that check without a terminal of their own (`run`,
/// `verify`, `diagnose`): Ctrl-C, SIGTERM or SIGHUP stop the checks in
/// their process groups (which the terminal's Ctrl-C does not reach), then
/// the runner exits with the usual status for an interrupt.
pub fn stop_checks_on_interrupt() {
    let _ = os::on_termination(|status| {
        kill_running();
        std::process::exit(status);
    });
}

/// Reads a pipe to its end on a thread of its own, keeping the first
/// OUTPUT_CAP bytes. The rest is read and dropped so the program never
/// blocks on a full pipe (that would look like a hang).
struct CappedReader {
    kept: Arc<Mutex<(Vec<u8>, bool)>>,
    done: mpsc::Receiver<()>,
}

impl CappedReader {
    fn start(mut pipe: impl Read + Send + 'static) -> CappedReader {
        let kept = Arc::new(Mutex::new((Vec::new(), false)));
        let (tell_done, done) = mpsc::channel();
        let shared = kept.clone();
        thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match pipe.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        let mut kept = shared.lock().unwrap_or_else(|e| e.into_inner());
                        let room = OUTPUT_CAP.saturating_sub(kept.0.len());
                        kept.0.extend_from_slice(&buf[..n.min(room)]);
                        kept.1 |= n > room;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => break,
                }
            }
            let _ = tell_done.send(());
        });
        CappedReader { kept, done }
    }

    /// What was read by the end of the pipe or by `deadline`, whichever
    /// comes first; past it the reading thread is left to finish alone.
    fn finish(self, deadline: Instant) -> (Vec<u8>, bool) {
        let _ = self
            .done
            .recv_timeout(deadline.saturating_duration_since(Instant::now()));
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        (std::mem::take(&mut kept.0), kept.1)
    }
}

// The programs checked here are shell scripts.
#[cfg(all(test, unix))]
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

    #[test]
    fn a_huge_limit_does_not_overflow() {
        let done = run_limited(sh("exit 0"), Duration::MAX).unwrap();
        assert_eq!(done.exit_code(), Some(0));
    }

    /// A daemon (`setsid`) that keeps the output pipe open neither holds
    /// the runner past the program's end nor outlives it.
    #[test]
    fn a_daemon_that_escapes_its_group_is_ended_and_does_not_hold_the_run() {
        let marker = format!("asynclings-daemon-{}", std::process::id());
        let start = Instant::now();
        let done = run_limited(
            sh(&format!(
                "setsid sh -c 'exec -a {marker} sleep 1000' & echo started"
            )),
            Duration::from_secs(20),
        )
        .unwrap();
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "the run waited {:?} for a daemon",
            start.elapsed()
        );
        assert_eq!(done.exit_code(), Some(0));
        assert_eq!(done.stdout, b"started\n");
        #[cfg(target_os = "linux")]
        {
            thread::sleep(Duration::from_millis(100));
            let alive = procfs::process::all_processes()
                .unwrap()
                .flatten()
                .filter_map(|p| p.cmdline().ok())
                .any(|cmd| cmd.first().is_some_and(|c| c == &marker));
            assert!(!alive, "the daemon {marker} outlived its check");
        }
    }

    /// A child starts with no signal blocked, even when the runner blocks
    /// some on the thread that spawns it.
    #[test]
    fn a_child_starts_with_a_clean_signal_mask() {
        use nix::sys::signal::{SigSet, SigmaskHow, Signal};
        let mut blocked = SigSet::empty();
        blocked.add(Signal::SIGTERM);
        // Blocked on this thread only, which is the one that spawns.
        nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&blocked), None).unwrap();
        let done = run_limited(sh("grep SigBlk /proc/self/status"), Duration::from_secs(5));
        nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_UNBLOCK, Some(&blocked), None).unwrap();
        let text = String::from_utf8(done.unwrap().stdout).unwrap();
        assert_eq!(text.trim(), "SigBlk:\t0000000000000000", "{text}");
    }
}
