//! What differs between Linux, macOS and Windows, behind one API that is
//! the same on every platform (as nextest's `os` module): process groups
//! and how to stop them, termination signals, a private folder. The rest
//! of the runner never names a platform; each function here says what it
//! does where the platforms differ.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as imp;

/// The id of a running check's process group: the leader's process id.
pub type GroupId = u32;

/// Starts `command` so that it and its children can be stopped together:
/// on Unix in a process group of its own, with no signal blocked (a child
/// must not inherit a mask the runner set); on Windows in a process group
/// of its own, so a Ctrl-C in the console reaches the runner, not it.
pub use imp::spawn_in_group;

/// Asks the group to stop: SIGTERM on Unix; on Windows, where a console
/// program has no polite signal, the same as [`kill_group`].
pub use imp::ask_group_to_stop;

/// Stops the group at once: SIGKILL to the group on Unix; on Windows the
/// process and its descendants (`taskkill /T /F`). A group that is gone
/// already is not an error: that is exactly "nothing to stop".
pub use imp::kill_group;

/// Once the group's leader has exited and been waited for: kills what is
/// left of its group (Unix: the group outlives its leader while a member
/// lives). On Windows nothing: the descendants of an exited process cannot
/// be found from its id, which may already belong to another process.
pub use imp::kill_leftovers;

/// The signal that ended a process (Unix); `None` on Windows.
pub use imp::exit_signal;

/// Makes this process the adopter of its descendants' orphans (Linux: a
/// child subreaper), so that [`end_escapees`] can find them; elsewhere
/// nothing.
pub use imp::adopt_orphans;

/// Kills the adopted orphans: this process's children that are in none
/// of the `registered` groups nor its own (Linux only; elsewhere they
/// cannot be found this way, and the output pipes' short drain is what
/// keeps them from holding the runner).
pub use imp::end_escapees;

/// Calls `handler` on a thread of its own (never inside a signal handler)
/// when the runner is asked to end: Ctrl-C, SIGTERM or SIGHUP (a closed
/// terminal) on Unix, the console's Ctrl-C, Ctrl-Break and close on
/// Windows. `handler` gets the exit status that says so (128 + the signal,
/// 130 for Windows' Ctrl-C). Call it once per process.
pub use imp::on_termination;

/// The processor time a process has used so far, all its threads, in
/// clock ticks: only ever compared with itself, to tell a program that
/// runs from one that waits. Linux only (from /proc); `None` elsewhere, and
/// for a process that is gone.
pub use imp::cpu_ticks;

/// `asynclings list | head`: on Unix a closed pipe ends the runner quietly
/// by SIGPIPE, as other Unix tools do, not with a panic; Windows has no
/// SIGPIPE, so nothing to do.
pub use imp::die_quietly_on_closed_pipe;

/// Creates the folder readable by its owner only (0700 on Unix; on Windows
/// the user's own profile folders already are), or leaves one there.
pub use imp::create_private_dir;

/// Why the folder at `dir` cannot be trusted with files that cargo obeys,
/// if it cannot: a symbolic link, not a folder, and on Unix another user's
/// or writable by others. The link itself is looked at, not its target.
pub use imp::untrusted_because;
