//! Running a program we do not trust: stdin closed, its own process group,
//! a clean signal mask, a time limit, and a cap on how much output is kept.
//!
//! On expiry the whole group gets SIGTERM, a short grace period, then
//! SIGKILL, so a program that spawned children or ignores SIGTERM is still
//! stopped. A descendant that left the group (a daemon: `setsid`) is
//! adopted by the runner on Linux (see [`escapees`]) and ended too, and the
//! output pipes are read only a moment past the end, so nothing it holds
//! open can keep the runner waiting.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;
use process_wrap::std::{ProcessGroup, ResetSigmask, StdCommandWrap};

/// How much of each of stdout and stderr is kept.
pub const OUTPUT_CAP: usize = 1024 * 1024;
/// How long a program has to exit after SIGTERM before SIGKILL.
const GRACE: Duration = Duration::from_millis(300);
/// How long the output pipes are still read once the program has ended
/// (a descendant may hold them open).
const DRAIN: Duration = Duration::from_millis(200);

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
        std::os::unix::process::ExitStatusExt::signal(&self.status?)
    }
}

/// Starts `command` in a process group of its own (so that it and its
/// children can be stopped together) with no signal blocked: watch mode
/// blocks the signals it waits for, and a child must not inherit that.
/// The group is registered as running from the moment it exists, so that
/// no sweep for escaped processes ever takes it for one.
pub fn spawn_contained(command: Command) -> std::io::Result<(Child, Running)> {
    escapees::adopt_orphans();
    let mut command = StdCommandWrap::from(command);
    command.wrap(ProcessGroup::leader()).wrap(ResetSigmask);
    let mut running = running();
    let child = command.spawn()?.into_inner();
    let group = child.id() as i32;
    running.push(group);
    Ok((child, Running(group)))
}

/// Runs `command` to completion or until `limit` has passed.
pub fn run_limited(mut command: Command, limit: Duration) -> std::io::Result<Finished> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let (mut child, group) = spawn_contained(command)?;
    let stdout = CappedReader::start(child.stdout.take().expect("stdout is piped"));
    let stderr = CappedReader::start(child.stderr.take().expect("stderr is piped"));

    let mut timed_out = false;
    let status = match wait_until(&mut child, deadline(start, limit))? {
        Some(status) => Some(status),
        None => {
            timed_out = true;
            group.signal(Signal::SIGTERM);
            match wait_until(&mut child, deadline(Instant::now(), GRACE))? {
                Some(status) => Some(status),
                None => {
                    group.signal(Signal::SIGKILL);
                    Some(child.wait()?)
                }
            }
        }
    };
    let duration = start.elapsed();
    // Anything the program left behind, in its group or escaped from it.
    group.signal(Signal::SIGKILL);
    escapees::end();

    let ended = Instant::now() + DRAIN;
    let (stdout, cut_out) = stdout.finish(ended);
    let (stderr, cut_err) = stderr.finish(ended);
    Ok(Finished {
        status,
        timed_out,
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

/// The process groups of the checks running now, so that quitting (or a
/// new save, or Ctrl-C) can stop them: nothing is left running behind the
/// learner.
static RUNNING: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// A registered process group, for as long as it lives.
pub struct Running(i32);

impl Running {
    pub fn signal(&self, signal: Signal) {
        signal_group(self.0, signal);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        running().retain(|g| *g != self.0);
    }
}

fn running() -> std::sync::MutexGuard<'static, Vec<i32>> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Kills every running check (cargo and the programs it built), and what
/// escaped from them.
pub fn kill_running() {
    for group in running().iter() {
        signal_group(*group, Signal::SIGKILL);
    }
    escapees::end();
}

/// For the commands that check without a terminal of their own (`run`,
/// `verify`, `diagnose`): Ctrl-C, SIGTERM or SIGHUP stop the checks in
/// their process groups (which the terminal's Ctrl-C does not reach), then
/// the runner exits with the usual status for an interrupt.
pub fn stop_checks_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        kill_running();
        std::process::exit(130);
    });
}

fn signal_group(group: i32, signal: Signal) {
    // An empty or gone group is ESRCH, which is exactly "nothing to stop".
    let _ = killpg(Pid::from_raw(group), signal);
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

/// Descendants that left their process group. On Linux the runner is a
/// child subreaper: a checked program's orphans are re-parented to it
/// instead of to init, so they can be found among its children and ended.
/// Elsewhere they cannot be found this way, and the output pipes' short
/// drain is what keeps them from holding the runner.
mod escapees {
    /// Makes this process adopt its descendants' orphans (once).
    pub fn adopt_orphans() {
        #[cfg(target_os = "linux")]
        {
            static ONCE: std::sync::Once = std::sync::Once::new();
            ONCE.call_once(|| {
                let _ = nix::sys::prctl::set_child_subreaper(true);
            });
        }
    }

    /// Kills and reaps the adopted children: the children of this process
    /// that are neither in its own process group (programs it started
    /// itself without a group, such as a test harness's cargo) nor a
    /// registered check's group.
    pub fn end() {
        #[cfg(target_os = "linux")]
        linux::end();
    }

    #[cfg(target_os = "linux")]
    mod linux {
        use nix::sys::signal::{kill, killpg, Signal};
        use nix::sys::wait::{waitpid, WaitPidFlag};
        use nix::unistd::{getpgrp, Pid};
        use procfs::process::Process;

        pub fn end() {
            let ours = getpgrp().as_raw();
            // Held throughout: no check can start (and be taken for an
            // escapee before it is registered) while children are swept.
            let registered = super::super::running();
            for (pid, group) in children() {
                if group == ours || registered.contains(&group) {
                    continue;
                }
                let _ = killpg(Pid::from_raw(group), Signal::SIGKILL);
                let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
                reap(Pid::from_raw(pid));
            }
        }

        /// This process's children, with their process groups.
        fn children() -> Vec<(i32, i32)> {
            let Ok(me) = Process::myself() else {
                return Vec::new();
            };
            let mut pids: Vec<u32> = Vec::new();
            for task in me.tasks().into_iter().flatten().flatten() {
                pids.extend(task.children().unwrap_or_default());
            }
            pids.into_iter()
                .filter_map(|pid| {
                    let stat = Process::new(pid as i32).ok()?.stat().ok()?;
                    Some((stat.pid, stat.pgrp))
                })
                .collect()
        }

        /// Collects the exit of a killed child (briefly: SIGKILL is not
        /// instant), so that it does not linger as a zombie.
        fn reap(pid: Pid) {
            for _ in 0..50 {
                match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
                    Ok(nix::sys::wait::WaitStatus::StillAlive) => {
                        std::thread::sleep(std::time::Duration::from_millis(2))
                    }
                    _ => return,
                }
            }
        }
    }
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
    /// some (watch mode blocks the signals it waits for).
    #[test]
    fn a_child_starts_with_a_clean_signal_mask() {
        use nix::sys::signal::{SigSet, SigmaskHow};
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
