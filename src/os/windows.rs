//! [`crate::os`] on Windows.

use std::os::windows::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};

use super::GroupId;

/// `CREATE_NEW_PROCESS_GROUP`: the console's Ctrl-C is not sent to it.
const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;

pub fn cpu_ticks(_pid: u32) -> Option<u64> {
    None
}

pub fn spawn_in_group(mut command: Command) -> std::io::Result<Child> {
    command.creation_flags(CREATE_NEW_PROCESS_GROUP);
    command.spawn()
}

pub fn ask_group_to_stop(group: GroupId) {
    kill_group(group);
}

pub fn kill_group(group: GroupId) {
    // taskkill ships with every Windows; /T takes the descendants along.
    // A process that is gone already makes it fail, which is fine.
    let _ = Command::new("taskkill")
        .args(["/T", "/F", "/PID", &group.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

pub fn kill_leftovers(_group: GroupId) {}

pub fn exit_signal(_status: &ExitStatus) -> Option<i32> {
    None
}

pub fn adopt_orphans() {}

pub fn end_escapees(_registered: &[GroupId]) {}

pub fn on_termination(handler: impl Fn(i32) + Send + 'static) -> std::io::Result<()> {
    // ctrlc's "termination" feature: Ctrl-C, Ctrl-Break and the console
    // window closing; its handler runs on a thread of its own.
    ctrlc::set_handler(move || handler(130)).map_err(std::io::Error::other)
}

pub fn die_quietly_on_closed_pipe() {}

pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir(dir)
}

pub fn untrusted_because(dir: &Path) -> std::io::Result<Option<String>> {
    let meta = std::fs::symlink_metadata(dir)?;
    Ok(if meta.file_type().is_symlink() {
        Some("is a symbolic link".to_string())
    } else if !meta.is_dir() {
        Some("is not a folder".to_string())
    } else {
        None
    })
}
