//! The task recorder behind `asynclings timeline`: when the environment
//! variable [`ENV`] names a file, every recorded task writes what it did to
//! it, one JSON object per line (the format is in docs/timeline.md):
//!
//! ```text
//! {"event":"spawn","task":2,"label":"serve","line":31,"t_us":0}
//! {"event":"poll","task":2,"t_us":0,"us":12,"real_us":12}
//! {"event":"done","task":2,"t_us":300104}
//! ```
//!
//! The course's tokio facade wraps the futures of `main`, of a test, and of
//! every `spawn` in [`record`] (with its `record` feature, which only
//! `timeline` builds turn on); the program's own code does not change, and
//! without the variable nothing is written.
//!
//! Time is the runtime's clock (`tokio::time::Instant`): virtual and exact
//! under a paused clock. A poll that blocks the thread takes real time that
//! a paused clock never sees; that real time is added to the timeline's
//! clock, so a blocked loop shows as long as it really was.

use std::fmt::Write as _;
use std::fs::File;
use std::future::Future;
use std::io::Write as _;
use std::panic::Location;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

/// The variable that names the file to record into.
pub const ENV: &str = "ASYNCLINGS_TIMELINE";

/// Real time a poll may take beyond what the runtime's clock saw before it
/// counts as unseen (a blocking poll under a paused clock).
const UNSEEN: Duration = Duration::from_millis(1);

struct Recorder {
    file: Mutex<File>,
    /// Real time, in µs since `started`, of the last recorded poll: a
    /// program that stops polling may be stuck.
    last_poll_us: AtomicU64,
    started: std::time::Instant,
    /// tokio's task ids (as text) -> the recorder's task numbers, for the
    /// task dumps of a stuck program.
    tokio_ids: Mutex<std::collections::HashMap<String, u64>>,
    /// The timeline's zero, on the runtime's clock: taken the first time
    /// the time is read inside the runtime (a paused clock starts there).
    zero: OnceLock<Instant>,
    /// Real time the runtime's clock did not see (polls that blocked while
    /// the clock was paused), added to every time after it.
    unseen_us: AtomicU64,
    next_task: AtomicU64,
}

/// The recorder, when the variable names a file that can be created.
fn recorder() -> Option<&'static Recorder> {
    static RECORDER: OnceLock<Option<Recorder>> = OnceLock::new();
    RECORDER
        .get_or_init(|| {
            let path = std::env::var_os(ENV)?;
            let file = File::create(path).ok()?;
            Some(Recorder {
                file: Mutex::new(file),
                last_poll_us: AtomicU64::new(0),
                started: std::time::Instant::now(),
                tokio_ids: Mutex::default(),
                zero: OnceLock::new(),
                unseen_us: AtomicU64::new(0),
                next_task: AtomicU64::new(1),
            })
        })
        .as_ref()
}

impl Recorder {
    /// Microseconds since the timeline's zero.
    fn now_us(&self) -> u64 {
        if self.zero.get().is_none() && tokio::runtime::Handle::try_current().is_err() {
            return 0; // before the runtime: the very start
        }
        let zero = *self.zero.get_or_init(Instant::now);
        let seen = Instant::now().saturating_duration_since(zero).as_micros() as u64;
        seen + self.unseen_us.load(Ordering::Relaxed)
    }

    fn write(&self, line: &str) {
        // One write per line, unbuffered: a program stopped at its time
        // limit keeps everything it recorded up to then.
        if let Ok(mut file) = self.file.lock() {
            let _ = file.write_all(line.as_bytes());
        }
    }
}

/// While a task dump polls every task (in trace mode), its polls are no
/// work of the program's and are not recorded.
static DUMPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Says a task dump starts (`true`) or ends (`false`).
pub fn dumping(on: bool) {
    DUMPING.store(on, Ordering::SeqCst);
}

/// Is the recorder on (the variable names a file)?
pub fn is_on() -> bool {
    recorder().is_some()
}

/// How long no recorded task has been polled, in real time; `None` when
/// the recorder is off.
pub fn idle_for() -> Option<Duration> {
    let r = recorder()?;
    let now = r.started.elapsed().as_micros() as u64;
    Some(Duration::from_micros(
        now.saturating_sub(r.last_poll_us.load(Ordering::Relaxed)),
    ))
}

/// Records what one task waits on, from a tokio task dump: `tokio_id` is
/// its tokio id as text, `trace` its await trace.
pub fn stuck(tokio_id: &str, trace: &str) {
    let Some(r) = recorder() else { return };
    let Some(task) = r
        .tokio_ids
        .lock()
        .ok()
        .and_then(|ids| ids.get(tokio_id).copied())
    else {
        return; // a task the recorder does not know (the dump's own)
    };
    r.write(&format!(
        "{{\"event\":\"stuck\",\"task\":{task},\"t_us\":{},\"trace\":\"{}\"}}\n",
        r.now_us(),
        escaped(trace).replace('\n', "\\n")
    ));
}

/// Records that the program is stopped here, stuck: no task ran for a
/// while, and none waits on anything that could wake it.
pub fn stopped() {
    let Some(r) = recorder() else { return };
    let quiet_us = idle_for().unwrap_or_default().as_micros();
    r.write(&format!(
        "{{\"event\":\"stopped\",\"t_us\":{},\"quiet_us\":{quiet_us}}}\n",
        r.now_us()
    ));
}

/// `future`, recorded as a task named `label` (spawned at `at`) when the
/// recorder is on; otherwise it is polled as it is.
pub fn record<F: Future>(future: F, label: &str, at: &Location<'_>) -> Recorded<F> {
    let task = recorder().map(|r| {
        let task = r.next_task.fetch_add(1, Ordering::Relaxed);
        let mut line = String::new();
        let _ = writeln!(
            line,
            r#"{{"event":"spawn","task":{task},"label":"{}","line":{},"t_us":{}}}"#,
            escaped(label),
            at.line(),
            r.now_us()
        );
        r.write(&line);
        task
    });
    Recorded {
        future: Box::pin(future),
        task,
        done: false,
        identified: false,
    }
}

/// A readable name for a task from its future's type: the fn whose code it
/// runs (`serve` for `my_crate::serve::{{closure}}`: an async fn, or the fn
/// an async block is written in), or `None` for anything else.
pub fn label_of<F>() -> Option<&'static str> {
    let name = std::any::type_name::<F>();
    let path = name.strip_suffix("::{{closure}}")?;
    if path.contains("{{closure}}") || path.contains('<') {
        return None;
    }
    path.rsplit("::").next()
}

/// A future whose polls are recorded. Boxed, so that it needs no pinning of
/// its own (and no `unsafe`).
pub struct Recorded<F: Future> {
    future: Pin<Box<F>>,
    /// Its task number, when the recorder is on.
    task: Option<u64>,
    done: bool,
    /// Its tokio id is known to the recorder.
    identified: bool,
}

impl<F: Future> Future for Recorded<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let (Some(task), Some(r)) = (self.task, recorder()) else {
            return self.future.as_mut().poll(cx);
        };
        if DUMPING.load(Ordering::SeqCst) {
            let poll = self.future.as_mut().poll(cx);
            // Only a spawned task is polled by the dump (not `main`'s body,
            // which `block_on` may poll meanwhile, woken as it should be).
            if poll.is_ready() && tokio::task::try_id().is_some() {
                // Ready when the dump looked, though nothing had woken it:
                // its wake-up was lost (and the dump's poll finished it).
                self.done = true;
                let t_us = r.now_us();
                r.write(&format!(
                    "{{\"event\":\"unwoken\",\"task\":{task},\"t_us\":{t_us}}}\n\
                     {{\"event\":\"done\",\"task\":{task},\"t_us\":{t_us}}}\n"
                ));
            }
            return poll;
        }
        if !self.identified {
            self.identified = true;
            if let (Some(id), Ok(mut ids)) = (tokio::task::try_id(), r.tokio_ids.lock()) {
                ids.insert(id.to_string(), task);
            }
        }
        let t_us = r.now_us();
        let seen_start = Instant::now();
        let real_start = std::time::Instant::now();
        let poll = self.future.as_mut().poll(cx);
        let real = real_start.elapsed();
        let seen = seen_start.elapsed();
        if real > seen + UNSEEN {
            let unseen = (real - seen).as_micros() as u64;
            r.unseen_us.fetch_add(unseen, Ordering::Relaxed);
        }
        let us = real.max(seen).as_micros();
        r.last_poll_us
            .store(r.started.elapsed().as_micros() as u64, Ordering::Relaxed);
        let mut line = String::new();
        let _ = writeln!(
            line,
            r#"{{"event":"poll","task":{task},"t_us":{t_us},"us":{us},"real_us":{}}}"#,
            real.as_micros()
        );
        if poll.is_ready() {
            self.done = true;
            let _ = writeln!(
                line,
                r#"{{"event":"done","task":{task},"t_us":{}}}"#,
                r.now_us()
            );
        }
        r.write(&line);
        poll
    }
}

impl<F: Future> Drop for Recorded<F> {
    fn drop(&mut self) {
        // Dropped before it finished: aborted, cancelled, or left when the
        // runtime shut down.
        if let (Some(task), Some(r), false) = (self.task, recorder(), self.done) {
            r.write(&format!(
                "{{\"event\":\"dropped\",\"task\":{task},\"t_us\":{}}}\n",
                r.now_us()
            ));
        }
    }
}

fn escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::label_of;

    async fn serve() {}

    #[test]
    fn a_task_is_named_by_its_async_fn() {
        fn of<F>(_: &F) -> Option<&'static str> {
            label_of::<F>()
        }
        assert_eq!(of(&serve()), Some("serve"));
        assert_eq!(of(&async {}), Some("a_task_is_named_by_its_async_fn"));
        assert_eq!(of(&std::future::ready(1)), None);
    }
}
