//! When a check may stop a program early, before its time limit: a test
//! exercise whose every test runs on tokio's paused clock, and whose source
//! names nothing that waits outside tokio's own loop (a thread, a blocking
//! call, a file, the network, another process, another executor).
//!
//! On a paused clock, tokio moves time forward by itself as soon as no task
//! can run and a timer is pending; so a program like that which uses no
//! processor time for a while has no timer left and nothing outside that
//! could wake a task: it is stuck for good, and waiting for the limit
//! teaches nothing. Anything else (a real clock, a thread that sleeps) may
//! be quiet and still on its way, and gets its whole limit.

use std::time::Duration;

use super::declared;
use crate::outcome::Mode;

/// No processor time for this long, and a program that qualifies is stuck.
pub const QUIET: Duration = Duration::from_millis(1500);

/// Words that name a wait outside tokio's loop, or a thread that could end
/// one: their mere mention (even in a comment) keeps the whole limit, which
/// is the safe side.
const WAITS_OUTSIDE: &[&str] = &[
    "thread::",
    "spawn_blocking",
    "block_in_place",
    "block_on",
    "executor::",
    "std::sync::mpsc",
    "mpsc::sync_channel",
    "Condvar",
    "Barrier",
    "stdin",
    "std::fs",
    "tokio::fs",
    "std::net",
    "tokio::net",
    "TcpStream",
    "UdpSocket",
    "process::",
    "Command",
    "fs::",
    "net::",
    "TcpListener",
    "tokio::process",
    "tokio::signal",
    "rayon",
    "Runtime::new",
    "runtime::Builder",
];

/// May a check of this program stop it once it is quiet for [`QUIET`]?
pub fn stops_when_quiet(mode: Mode, source: &str) -> bool {
    if mode != Mode::Test || WAITS_OUTSIDE.iter().any(|w| source.contains(w)) {
        return false;
    }
    let Ok(file) = syn::parse_file(source) else {
        return false;
    };
    let tests = declared::test_fns(&file);
    !tests.is_empty()
        && tests.iter().all(|(_, f)| {
            f.attrs
                .iter()
                .filter(|a| declared::is_test_attribute(a))
                .all(on_the_paused_clock)
        })
}

/// `#[tokio::test(start_paused = true, ..)]`; a plain `#[test]` is not.
fn on_the_paused_clock(attribute: &syn::Attribute) -> bool {
    let tokio =
        attribute.path().segments.len() == 2 && attribute.path().segments[0].ident == "tokio";
    let args = attribute
        .meta
        .require_list()
        .map(|list| list.tokens.to_string().replace(' ', ""))
        .unwrap_or_default();
    tokio && args.split(',').any(|arg| arg == "start_paused=true")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAUSED: &str = r#"
        async fn wait(rx: &mut tokio::sync::mpsc::Receiver<u32>) -> Option<u32> { rx.recv().await }
        #[cfg(test)]
        mod tests {
            #[tokio::test(start_paused = true)]
            async fn one() {}
            #[tokio::test(flavor = "current_thread", start_paused = true)]
            async fn two() {}
        }
    "#;

    #[test]
    fn only_paused_tests_with_no_outside_wait_stop_when_quiet() {
        assert!(stops_when_quiet(Mode::Test, PAUSED));
        assert!(
            !stops_when_quiet(Mode::Run, PAUSED),
            "a main runs on the real clock"
        );
        let real_clock = PAUSED.replace(", start_paused = true", "");
        assert!(!stops_when_quiet(Mode::Test, &real_clock));
        let plain = PAUSED.replace("#[tokio::test(start_paused = true)]", "#[test]");
        assert!(!stops_when_quiet(Mode::Test, &plain));
        let threads = PAUSED.replace(
            "async fn one() {}",
            "async fn one() { std::thread::sleep(D); }",
        );
        assert!(!stops_when_quiet(Mode::Test, &threads));
        // A grouped import names the module, not the path.
        for import in [
            "use std::process::{Command, Stdio};",
            "use std::{fs, net::TcpListener};",
        ] {
            let outside = format!("{import}\n{PAUSED}");
            assert!(!stops_when_quiet(Mode::Test, &outside), "{import}");
        }
        assert!(!stops_when_quiet(Mode::Test, "fn main() {}"), "no tests");
        assert!(!stops_when_quiet(Mode::Test, "not rust {"));
    }
}
