//! The timeline of one run: what each task did when, read from the lines
//! the course's tokio facade recorded (see `support::recorder` and
//! docs/timeline.md), and drawn for a terminal (`text`) or a slide (`svg`).

pub mod record;
mod svg;
mod text;

use serde::Deserialize;

pub use svg::svg;
pub use text::{picture, Style, MIN_WIDTH};

/// A poll this long (real time) held the loop's thread: no other task on it
/// could run meanwhile. Shorter polls are just the task running.
pub const HELD_THE_THREAD_US: u64 = 20_000;

/// One recorded line.
#[derive(Debug, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
enum Recorded {
    Spawn {
        task: u64,
        label: String,
        line: u32,
        t_us: u64,
    },
    Poll {
        task: u64,
        t_us: u64,
        us: u64,
        real_us: u64,
    },
    Done {
        task: u64,
        t_us: u64,
    },
    Dropped {
        task: u64,
        t_us: u64,
    },
    /// tokio's task dump of a program that stopped polling: the task's
    /// await trace.
    Stuck {
        task: u64,
        trace: String,
    },
    /// The program was stopped stuck: nothing ran, and nothing could wake
    /// a task (see the facade's `stuck` module).
    Stopped {
        t_us: u64,
    },
    /// A task was ready to finish when tokio's task dump polled it, though
    /// nothing had woken it: a lost wake-up (the dump's poll finished it).
    Unwoken {
        task: u64,
    },
}

/// One poll of a task: from `start_us`, for `us` on the timeline's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Poll {
    pub start_us: u64,
    pub us: u64,
    /// The poll held the loop's thread (see [`HELD_THE_THREAD_US`]).
    pub held_the_thread: bool,
}

/// How a task's life ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Its future finished.
    Done,
    /// Dropped unfinished: aborted, cancelled, or left at shutdown.
    Dropped,
    /// Still alive when the recording stopped (the program was stopped).
    Alive,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// Its async fn (`serve`), `main`, a test's name, or `task`.
    pub label: String,
    /// The line it was spawned at (for `main` and tests: the attribute's).
    pub line: u32,
    pub start_us: u64,
    pub end_us: u64,
    pub end: End,
    pub polls: Vec<Poll>,
    /// Where it waited when the program last stopped polling (from tokio's
    /// task dump): the line of its code, and what it awaited there.
    pub waits_at: Option<(u32, String)>,
    /// tokio's task dump saw it waiting (with or without a line of the
    /// program's own code in its trace).
    pub dumped: bool,
    /// It could have gone on, but nothing woke it: it finished only when
    /// tokio's task dump polled it.
    pub unwoken: bool,
}

impl Task {
    /// Time spent in polls.
    pub fn running_us(&self) -> u64 {
        self.polls.iter().map(|p| p.us).sum()
    }

    /// Time the task held the thread in polls that blocked it.
    pub fn held_us(&self) -> u64 {
        self.polls
            .iter()
            .filter(|p| p.held_the_thread)
            .map(|p| p.us)
            .sum()
    }

    /// Time alive and not running: waiting for something, or for its turn.
    pub fn waiting_us(&self) -> u64 {
        (self.end_us - self.start_us).saturating_sub(self.running_us())
    }
}

/// Every task of a run, in the order they started.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    pub tasks: Vec<Task>,
    /// When the last thing recorded happened.
    pub end_us: u64,
    /// The program was stopped early, stuck: no task could go on.
    pub stopped_stuck: bool,
}

impl Timeline {
    /// Reads the recorded lines. A line that does not parse (the last one
    /// of a program stopped while writing) is left out.
    pub fn parse(text: &str) -> Timeline {
        let mut timeline = Timeline::default();
        let mut index = std::collections::HashMap::new();
        for line in text.lines() {
            let Ok(event) = serde_json::from_str::<Recorded>(line) else {
                continue;
            };
            match event {
                Recorded::Spawn {
                    task,
                    label,
                    line,
                    t_us,
                } => {
                    index.insert(task, timeline.tasks.len());
                    timeline.tasks.push(Task {
                        label,
                        line,
                        start_us: t_us,
                        end_us: t_us,
                        end: End::Alive,
                        polls: Vec::new(),
                        waits_at: None,
                        dumped: false,
                        unwoken: false,
                    });
                    timeline.end_us = timeline.end_us.max(t_us);
                }
                Recorded::Poll {
                    task,
                    t_us,
                    us,
                    real_us,
                } => {
                    if let Some(t) = index.get(&task).map(|i| &mut timeline.tasks[*i]) {
                        t.polls.push(Poll {
                            start_us: t_us,
                            us,
                            held_the_thread: real_us >= HELD_THE_THREAD_US,
                        });
                        t.end_us = t.end_us.max(t_us + us);
                    }
                    timeline.end_us = timeline.end_us.max(t_us + us);
                }
                Recorded::Stuck { task, trace } => {
                    if let Some(t) = index.get(&task).map(|i| &mut timeline.tasks[*i]) {
                        t.waits_at = waits_at(&trace);
                        t.dumped = true;
                    }
                }
                Recorded::Unwoken { task } => {
                    if let Some(t) = index.get(&task).map(|i| &mut timeline.tasks[*i]) {
                        t.unwoken = true;
                    }
                }
                Recorded::Stopped { t_us } => {
                    timeline.stopped_stuck = true;
                    timeline.end_us = timeline.end_us.max(t_us);
                }
                Recorded::Done { task, t_us } | Recorded::Dropped { task, t_us } => {
                    let end = match event {
                        Recorded::Done { .. } => End::Done,
                        _ => End::Dropped,
                    };
                    if let Some(t) = index.get(&task).map(|i| &mut timeline.tasks[*i]) {
                        if t.end == End::Alive {
                            t.end = end;
                            t.end_us = t.end_us.max(t_us);
                        }
                    }
                    timeline.end_us = timeline.end_us.max(t_us);
                }
            }
        }
        for t in &mut timeline.tasks {
            if t.end == End::Alive {
                t.end_us = timeline.end_us;
            }
        }
        timeline
    }

    /// One sentence under the picture: who held the thread, or how much
    /// waiting overlapped.
    pub fn reading(&self) -> String {
        let n = self.tasks.len();
        let tasks = if n == 1 {
            "1 task".to_string()
        } else {
            format!("{n} tasks")
        };
        let total = duration(self.end_us);
        if n == 0 {
            return "Nothing was recorded: the program started no task.".into();
        }
        if let Some(holder) = self.tasks.iter().max_by_key(|t| t.held_us()) {
            if holder.held_us() > 0 {
                let others = n - 1;
                let meanwhile = match others {
                    0 => "nothing else could run on it meanwhile".to_string(),
                    1 => "the other task could not run meanwhile".to_string(),
                    _ => format!("the {others} other tasks could not run meanwhile"),
                };
                return format!(
                    "{tasks}, {total} in all: task `{}` held the thread for {}, so {meanwhile}.",
                    holder.label,
                    duration(holder.held_us())
                );
            }
        }
        let waited: u64 = self.tasks.iter().map(Task::waiting_us).sum();
        if n > 1 && waited > self.end_us + self.end_us / 5 {
            format!(
                "{tasks}: {} of waiting overlapped into {total} in all.",
                duration(waited)
            )
        } else {
            let running: u64 = self.tasks.iter().map(Task::running_us).sum();
            format!(
                "{tasks}, {total} in all: {} running, {} waiting.",
                duration(running),
                duration(waited)
            )
        }
    }
}

impl Timeline {
    /// Stretches the run to `us`: a program stopped at its time limit
    /// records nothing at the end, yet its tasks were alive until then.
    pub fn extend_to(&mut self, us: u64) {
        if us <= self.end_us {
            return;
        }
        for t in &mut self.tasks {
            if t.end == End::Alive {
                t.end_us = us;
            }
        }
        self.end_us = us;
    }

    /// Where each task waits, for the diagnosis, when the program was
    /// stopped stuck (otherwise a timer or I/O might still have woken it,
    /// and the waits say nothing for sure).
    pub fn task_waits(&self) -> Vec<asynclings_diagnosis::Event> {
        use asynclings_diagnosis::Event;
        // A task found ready that nobody woke is a fact, stopped or not.
        let unwoken = self
            .tasks
            .iter()
            .filter(|t| t.unwoken)
            .map(|t| Event::Unwoken {
                label: t.label.clone(),
                line: t.line,
            });
        let waits = self
            .tasks
            .iter()
            .filter(|t| self.stopped_stuck && t.end == End::Alive && t.dumped)
            .map(|t| Event::TaskWaits {
                label: t.label.clone(),
                line: t.line,
                waits_line: t.waits_at.as_ref().map(|(line, _)| *line),
                on: t.waits_at.as_ref().map(|(_, on)| on.clone()),
            });
        unwoken.chain(waits).collect()
    }

    /// Where each task still alive at the end stood: when it last ran, and
    /// since when it has waited. Empty when every task ended. (What each
    /// waits *on* needs tokio's task dumps; the recorder only sees polls.)
    pub fn stuck(&self) -> Vec<String> {
        self.tasks
            .iter()
            .filter(|t| t.end == End::Alive || t.unwoken)
            .map(|t| {
                if t.unwoken {
                    return format!(
                        "task `{}` (line {}) could have gone on, but nothing woke it: it \
                         finished only when tokio's task dump polled it",
                        t.label, t.line
                    );
                }
                let since = t
                    .polls
                    .last()
                    .map_or(t.start_us, |p| p.start_us + p.us);
                if let Some((line, on)) = &t.waits_at {
                    return format!(
                        "task `{}` (line {}) waits at line {line} on `{on}`, since {}",
                        t.label,
                        t.line,
                        duration(since)
                    );
                }
                match t.polls.last() {
                    Some(p) if p.held_the_thread && since >= self.end_us => format!(
                        "task `{}` (line {}) was still running when the run ended: it held the thread from {} on",
                        t.label,
                        t.line,
                        duration(p.start_us)
                    ),
                    _ if self.end_us.saturating_sub(since) < 1_000 => format!(
                        "task `{}` (line {}) last ran at {}, as the run ended",
                        t.label,
                        t.line,
                        duration(since)
                    ),
                    _ => format!(
                        "task `{}` (line {}) last ran at {} and waited from then on, {} until the end",
                        t.label,
                        t.line,
                        duration(since),
                        duration(self.end_us.saturating_sub(since))
                    ),
                }
            })
            .collect()
    }
}

impl Timeline {
    /// The run in a few words: how long, and whether the loop was blocked
    /// (`900 ms, the loop blocked for 900 ms`).
    pub fn gist(&self) -> String {
        let held: u64 = self.tasks.iter().map(Task::held_us).sum();
        if held > 0 {
            format!(
                "{}, the loop blocked for {}",
                duration(self.end_us),
                duration(held)
            )
        } else {
            format!("{}, the loop never blocked", duration(self.end_us))
        }
    }

    /// Did `self` (a fixed run) do visibly better than `before` (the
    /// shipped one): a quarter shorter, or no longer blocking the loop?
    pub fn improves_on(&self, before: &Timeline) -> bool {
        let held = |t: &Timeline| t.tasks.iter().map(Task::held_us).sum::<u64>();
        self.end_us * 4 < before.end_us * 3 || (held(before) > 0 && held(self) == 0)
    }
}

/// In a task's await trace (tokio's task dump: one frame per line, `╼ NAME
/// at PATH:LINE:COL`, deeper frames indented), the last frame of the
/// program's own code and what it awaits there: `(5, "Receiver::recv")`.
fn waits_at(trace: &str) -> Option<(u32, String)> {
    let frames: Vec<(&str, &str)> = trace
        .lines()
        .filter_map(|l| l.split_once('╼').map(|(_, f)| f.trim()))
        .filter_map(|f| f.rsplit_once(" at "))
        .collect();
    // The program's own code: neither a dependency, nor the standard
    // library, nor the course's recorder around it.
    let own = |path: &str| {
        !path.contains("/.cargo/registry/")
            && !path.contains("/rustc/")
            && !path.contains("/support/src/")
            && !path.contains("/library/")
    };
    let last_own = frames.iter().rposition(|(_, path)| own(path))?;
    let line = frames[last_own].1.rsplit(':').nth(1)?.parse().ok()?;
    let awaited = frames
        .get(last_own + 1)
        .map_or("its own code".to_string(), |(name, _)| short_name(name));
    Some((line, awaited))
}

/// `tokio::sync::mpsc::bounded::Receiver<T>::recv` -> `Receiver::recv`;
/// `<tokio::sync::notify::Notified as core::future::Future>::poll` ->
/// `Notified::poll`.
fn short_name(name: &str) -> String {
    // A trait method's frame: the type's own name, then the method.
    if let Some(inner) = name.strip_prefix('<') {
        if let (Some((ty, _)), Some((_, method))) =
            (inner.split_once(" as "), name.rsplit_once(">::"))
        {
            return format!(
                "{}::{method}",
                short_name(ty).rsplit("::").next().unwrap_or(ty)
            );
        }
    }
    let mut plain = String::new();
    let mut depth = 0;
    for ch in name.chars() {
        match ch {
            '<' => depth += 1,
            '>' => depth -= 1,
            _ if depth == 0 => plain.push(ch),
            _ => {}
        }
    }
    let parts: Vec<&str> = plain
        .split("::")
        .filter(|p| !p.is_empty() && *p != "{{closure}}")
        .collect();
    parts[parts.len().saturating_sub(2)..].join("::")
}

/// `300 ms`, `1.5 s`, `40 µs`: readable units.
pub fn duration(us: u64) -> String {
    if us >= 10_000_000 {
        format!("{} s", us / 1_000_000)
    } else if us >= 1_000_000 {
        format!("{:.1} s", us as f64 / 1e6)
    } else if us >= 1_000 {
        format!("{} ms", (us + 500) / 1_000)
    } else {
        format!("{us} µs")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// p1_tables shipped: one task whose one poll blocks for 900 ms.
    pub(crate) const BLOCKED: &str = r#"{"event":"spawn","task":1,"label":"main","line":36,"t_us":0}
{"event":"poll","task":1,"t_us":0,"us":900100,"real_us":900100}
{"event":"done","task":1,"t_us":900100}
"#;

    /// Three tasks that wait 300 ms together.
    pub(crate) const OVERLAPPED: &str = r#"{"event":"spawn","task":1,"label":"main","line":20,"t_us":0}
{"event":"poll","task":1,"t_us":0,"us":40,"real_us":40}
{"event":"spawn","task":2,"label":"serve","line":22,"t_us":10}
{"event":"spawn","task":3,"label":"serve","line":22,"t_us":20}
{"event":"poll","task":2,"t_us":50,"us":10,"real_us":10}
{"event":"poll","task":3,"t_us":60,"us":10,"real_us":10}
{"event":"poll","task":2,"t_us":300050,"us":10,"real_us":10}
{"event":"done","task":2,"t_us":300060}
{"event":"poll","task":3,"t_us":300070,"us":10,"real_us":10}
{"event":"done","task":3,"t_us":300080}
{"event":"poll","task":1,"t_us":300090,"us":10,"real_us":10}
{"event":"done","task":1,"t_us":300100}
{"event":"spawn","task":4,"label":"trunc"#;

    #[test]
    fn a_run_is_read_task_by_task() {
        let t = Timeline::parse(OVERLAPPED);
        assert_eq!(t.tasks.len(), 3, "the cut last line is left out");
        assert_eq!(t.end_us, 300_100);
        assert_eq!(t.tasks[1].label, "serve");
        assert_eq!(t.tasks[1].polls.len(), 2);
        assert_eq!(t.tasks[1].end, End::Done);
        assert_eq!(t.tasks[1].waiting_us(), (300_060 - 10) - 2 * 10);
        assert_eq!(
            t.reading(),
            "3 tasks: 900 ms of waiting overlapped into 300 ms in all."
        );
    }

    #[test]
    fn a_fix_is_told_before_and_after() {
        let (before, after) = (Timeline::parse(BLOCKED), Timeline::parse(OVERLAPPED));
        assert_eq!(before.gist(), "900 ms, the loop blocked for 900 ms");
        assert_eq!(after.gist(), "300 ms, the loop never blocked");
        assert!(after.improves_on(&before));
        assert!(!before.improves_on(&after));
        assert!(!after.improves_on(&after));
    }

    /// tokio's dump of a router waiting on its inbox: the last frame of the
    /// program's own code, and what it awaits there.
    #[test]
    fn a_task_dump_says_where_a_task_waits() {
        let trace = "╼ <support::recorder::Recorded<F> as core::future::future::Future> at /work/main/support/src/recorder.rs:191:41\n  └╼ prog::router at /tmp/x/src/prog.rs:5:38\n     └╼ tokio::sync::mpsc::bounded::Receiver<T>::recv at /root/.cargo/registry/src/index.crates.io-1/tokio-1.54.1/src/sync/mpsc/bounded.rs:245:42\n        └╼ <core::future::poll_fn::PollFn<F> as core::future::future::Future> at /rustc/abc/library/core/src/future/poll_fn.rs:151:9";
        assert_eq!(waits_at(trace), Some((5, "Receiver::recv".to_string())));
        assert_eq!(
            short_name("<tokio::sync::notify::Notified as core::future::future::Future>::poll"),
            "Notified::poll"
        );
        assert_eq!(
            short_name(
                "<tokio::runtime::task::join::JoinHandle<T> as core::future::future::Future>::poll"
            ),
            "JoinHandle::poll"
        );
        let line = serde_json::json!({"event": "stuck", "task": 2, "t_us": 9, "trace": trace});
        let text = format!(
            "{{\"event\":\"spawn\",\"task\":2,\"label\":\"router\",\"line\":14,\"t_us\":0}}\n\
             {{\"event\":\"poll\",\"task\":2,\"t_us\":0,\"us\":5,\"real_us\":5}}\n{line}\n"
        );
        let mut t = Timeline::parse(&text);
        t.extend_to(10_000_000);
        assert_eq!(
            t.stuck(),
            ["task `router` (line 14) waits at line 5 on `Receiver::recv`, since 5 µs"]
        );
    }

    #[test]
    fn a_poll_that_blocks_is_told() {
        let t = Timeline::parse(BLOCKED);
        assert!(t.tasks[0].polls[0].held_the_thread);
        assert_eq!(
            t.reading(),
            "1 task, 900 ms in all: task `main` held the thread for 900 ms, so nothing else could run on it meanwhile."
        );
    }

    #[test]
    fn a_task_alive_at_the_end_lasts_to_the_end() {
        let t = Timeline::parse(
            "{\"event\":\"spawn\",\"task\":1,\"label\":\"main\",\"line\":1,\"t_us\":0}\n\
             {\"event\":\"spawn\",\"task\":2,\"label\":\"router\",\"line\":9,\"t_us\":5}\n\
             {\"event\":\"poll\",\"task\":1,\"t_us\":5,\"us\":5,\"real_us\":5}\n\
             {\"event\":\"poll\",\"task\":1,\"t_us\":700000,\"us\":5,\"real_us\":5}\n",
        );
        assert_eq!(t.tasks[1].end, End::Alive);
        assert_eq!(t.tasks[1].end_us, 700_005);
        assert_eq!(
            t.stuck(),
            [
                "task `main` (line 1) last ran at 700 ms, as the run ended",
                "task `router` (line 9) last ran at 5 µs and waited from then on, 700 ms until the end",
            ]
        );
        assert!(Timeline::parse(OVERLAPPED).stuck().is_empty());
        let mut stopped = t.clone();
        stopped.extend_to(10_000_000);
        assert_eq!(stopped.tasks[0].end_us, 10_000_000);
        assert_eq!(
            stopped.stuck()[0],
            "task `main` (line 1) last ran at 700 ms and waited from then on, 9.3 s until the end"
        );
    }
}
