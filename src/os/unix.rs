//! [`crate::os`] on Linux and macOS.

use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::Path;
use std::process::{Child, Command, ExitStatus};

use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;
use process_wrap::std::{ProcessGroup, ResetSigmask, StdCommandWrap};

use super::GroupId;

pub fn spawn_in_group(command: Command) -> std::io::Result<Child> {
    let mut command = StdCommandWrap::from(command);
    command.wrap(ProcessGroup::leader()).wrap(ResetSigmask);
    Ok(command.spawn()?.into_inner())
}

pub fn ask_group_to_stop(group: GroupId) {
    signal_group(group, Signal::SIGTERM);
}

pub fn kill_group(group: GroupId) {
    signal_group(group, Signal::SIGKILL);
}

pub fn kill_leftovers(group: GroupId) {
    signal_group(group, Signal::SIGKILL);
}

fn signal_group(group: GroupId, signal: Signal) {
    // An empty or gone group is ESRCH, which is exactly "nothing to stop".
    if let Ok(group) = i32::try_from(group) {
        let _ = killpg(Pid::from_raw(group), signal);
    }
}

pub fn exit_signal(status: &ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

pub fn adopt_orphans() {
    #[cfg(target_os = "linux")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            let _ = nix::sys::prctl::set_child_subreaper(true);
        });
    }
}

pub fn end_escapees(registered: &[GroupId]) {
    #[cfg(target_os = "linux")]
    linux::end_escapees(registered);
    #[cfg(not(target_os = "linux"))]
    let _ = registered;
}

pub fn on_termination(handler: impl Fn(i32) + Send + 'static) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // signal-hook's handler only writes to a pipe; this thread, blocked on
    // it, runs `handler` as ordinary code.
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            handler(128 + signal);
        }
    });
    Ok(())
}

pub fn die_quietly_on_closed_pipe() {
    // No maintained crate restores a default disposition (signal-hook
    // registers handlers, nix's `signal` is itself unsafe).
    // SAFETY: SIG_DFL installs no handler of ours, so nothing runs in
    // signal context, and this runs before any other thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new().mode(0o700).create(dir)
}

pub fn untrusted_because(dir: &Path) -> std::io::Result<Option<String>> {
    let meta = std::fs::symlink_metadata(dir)?;
    let me = nix::unistd::geteuid().as_raw();
    let mode = meta.mode() & 0o777;
    Ok(if meta.file_type().is_symlink() {
        Some("is a symbolic link".to_string())
    } else if !meta.is_dir() {
        Some("is not a folder".to_string())
    } else if meta.uid() != me {
        Some(format!("belongs to another user (uid {})", meta.uid()))
    } else if mode & 0o022 != 0 {
        Some(format!("is writable by other users (mode {mode:o})"))
    } else {
        None
    })
}

#[cfg(target_os = "linux")]
pub fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = procfs::process::Process::new(i32::try_from(pid).ok()?)
        .ok()?
        .stat()
        .ok()?;
    Some(stat.utime + stat.stime)
}

#[cfg(not(target_os = "linux"))]
pub fn cpu_ticks(_pid: u32) -> Option<u64> {
    None
}

/// On Linux the runner is a child subreaper: a checked program's orphans
/// are re-parented to it instead of to init, so they can be found among
/// its children and ended.
#[cfg(target_os = "linux")]
mod linux {
    use nix::sys::signal::{kill, killpg, Signal};
    use nix::sys::wait::{waitpid, WaitPidFlag};
    use nix::unistd::{getpgrp, Pid};
    use procfs::process::Process;

    use super::GroupId;

    /// Kills and reaps the adopted children: the children of this process
    /// that are neither in its own process group (programs it started
    /// itself without a group, such as a test harness's cargo) nor a
    /// registered check's group.
    pub fn end_escapees(registered: &[GroupId]) {
        let ours = getpgrp().as_raw();
        for (pid, group) in children() {
            let registered = u32::try_from(group).is_ok_and(|g| registered.contains(&g));
            if group == ours || registered {
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
