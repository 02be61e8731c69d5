//! A program stopped stuck, read from where each task waits (tokio's task
//! dump, recorded by `asynclings timeline`): an observation, not a guess
//! from the source. Which waits add up to which mistake:
//!
//! - two or more tasks each waiting for a lock: a lock cycle (deadlock);
//! - a task waiting on a channel's `recv`, with no task left that could
//!   send: the channel is open, and nobody will ever send on it;
//! - a task waiting on a `Notify`, or on a future the dump cannot see into
//!   (one the program wrote itself), that nothing will wake: a lost wakeup;
//! - a task that the dump found ready to finish, though nothing had woken
//!   it: a lost wakeup, for sure.
//!
//! The stop itself says that nothing else could wake a task (no timer, no
//! I/O, no blocking job): see the course facade's `stuck` module.

use crate::candidate::{Candidate, EvidenceKind};
use crate::catalogue::MistakeId;
use crate::evidence::Event;

/// Seen, not guessed: above what the source alone can say of a hang.
const LOCK_CYCLE: f32 = 0.9;
const CHANNEL_OPEN: f32 = 0.8;
const NOTIFY_MISSED: f32 = 0.8;
const OWN_FUTURE_ASLEEP: f32 = 0.7;
const FOUND_READY: f32 = 0.9;
/// One task waiting for a lock, the others on something else: the holder
/// is stuck elsewhere, which the other waits did not single out.
const ONE_LOCK: f32 = 0.8;

/// Awaits that wait for a lock (or a permit) another task holds.
const LOCKS: &[&str] = &[
    "Mutex::lock",
    "Mutex::lock_owned",
    "RwLock::read",
    "RwLock::write",
    "RwLock::read_owned",
    "RwLock::write_owned",
    "Semaphore::acquire",
    "Semaphore::acquire_owned",
    "Semaphore::acquire_many",
];

/// One task's wait, from an [`Event::TaskWaits`].
struct Wait<'a> {
    label: &'a str,
    line: u32,
    at: Option<u32>,
    on: Option<&'a str>,
}

impl Wait<'_> {
    fn is_on(&self, names: &[&str]) -> bool {
        self.on.is_some_and(|on| names.contains(&on))
    }

    fn is_recv(&self) -> bool {
        self.on
            .is_some_and(|on| on.ends_with("::recv") || on.ends_with("::recv_many"))
    }

    /// tokio's dump saw no leaf future of its own in the task's trace.
    fn in_own_future(&self) -> bool {
        self.at.is_none() || self.on.is_none_or(|on| on == "its own code")
    }

    fn told(&self) -> String {
        match (self.at, self.on) {
            (Some(at), Some(on)) => {
                format!(
                    "task `{}` (line {}) waits at line {at} on `{on}`",
                    self.label, self.line
                )
            }
            _ => format!("task `{}` (line {}) waits", self.label, self.line),
        }
    }

    fn candidate(&self, id: MistakeId, confidence: f32, detail: String) -> Candidate {
        Candidate::new(id, EvidenceKind::Runtime, confidence, detail)
            .at(self.at.unwrap_or(self.line) as usize, 0)
    }
}

/// The mistake the stuck tasks show, if their waits single one out.
pub(crate) fn candidates(events: &[Event]) -> Vec<Candidate> {
    if let Some((label, line)) = events.iter().find_map(|e| match e {
        Event::Unwoken { label, line } => Some((label, *line)),
        _ => None,
    }) {
        return vec![Candidate::new(
            MistakeId::LostWakeup,
            EvidenceKind::Runtime,
            FOUND_READY,
            format!(
                "task `{label}` (line {line}) could go on, but nothing woke it: it finished \
                 only when tokio's task dump polled it"
            ),
        )
        .at(line as usize, 0)];
    }
    let waits: Vec<Wait> = events
        .iter()
        .filter_map(|e| match e {
            Event::TaskWaits {
                label,
                line,
                waits_line,
                on,
            } => Some(Wait {
                label,
                line: *line,
                at: *waits_line,
                on: on.as_deref(),
            }),
            _ => None,
        })
        .collect();
    let locks: Vec<&Wait> = waits.iter().filter(|w| w.is_on(LOCKS)).collect();
    if locks.len() >= 2 {
        let told: Vec<String> = locks.iter().map(|w| w.told()).collect();
        return vec![locks[0].candidate(
            MistakeId::Deadlock,
            LOCK_CYCLE,
            format!(
                "the program was stopped stuck: {}; each waits for a lock, and no task that \
                 could release one can go on",
                told.join(", ")
            ),
        )];
    }
    if let Some(w) = waits.iter().find(|w| w.is_recv()) {
        return vec![w.candidate(
            MistakeId::ChannelNeverClosed,
            CHANNEL_OPEN,
            format!(
                "the program was stopped stuck: {}, and no task left could send: the channel \
                 is still open, but nobody will ever send on it",
                w.told()
            ),
        )];
    }
    if let Some(w) = waits
        .iter()
        .find(|w| w.is_on(&["Notified::poll", "Notify::notified"]))
    {
        return vec![w.candidate(
            MistakeId::LostWakeup,
            NOTIFY_MISSED,
            format!(
                "the program was stopped stuck: {}, and nothing will notify it",
                w.told()
            ),
        )];
    }
    if let Some(w) = waits.iter().find(|w| w.in_own_future()) {
        return vec![w.candidate(
            MistakeId::LostWakeup,
            OWN_FUTURE_ASLEEP,
            format!(
                "the program was stopped stuck: task `{}` (line {}) waits on a future that \
                 tokio does not know, and nothing woke it",
                w.label, w.line
            ),
        )];
    }
    if let Some(w) = locks.first() {
        return vec![w.candidate(
            MistakeId::Deadlock,
            ONE_LOCK,
            format!(
                "the program was stopped stuck: {}, and the task that holds the lock cannot \
                 go on",
                w.told()
            ),
        )];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waits(label: &str, line: u32, at: Option<u32>, on: Option<&str>) -> Event {
        Event::TaskWaits {
            label: label.into(),
            line,
            waits_line: at,
            on: on.map(str::to_string),
        }
    }

    fn named(events: &[Event]) -> Option<(MistakeId, usize)> {
        candidates(events).first().map(|c| (c.id, c.line))
    }

    #[test]
    fn two_tasks_waiting_for_locks_are_a_lock_cycle() {
        let events = [
            waits("main", 20, Some(25), Some("JoinHandle::poll")),
            waits("transfer", 8, Some(10), Some("Mutex::lock")),
            waits("transfer", 8, Some(12), Some("Mutex::lock")),
        ];
        assert_eq!(named(&events), Some((MistakeId::Deadlock, 10)));
    }

    #[test]
    fn a_receiver_nobody_sends_to_is_a_channel_never_closed() {
        let events = [
            waits("main", 20, Some(31), Some("JoinHandle::poll")),
            waits("router", 14, Some(5), Some("Receiver::recv")),
        ];
        assert_eq!(named(&events), Some((MistakeId::ChannelNeverClosed, 5)));
        let unbounded = [waits("sum", 3, Some(4), Some("UnboundedReceiver::recv"))];
        assert_eq!(named(&unbounded), Some((MistakeId::ChannelNeverClosed, 4)));
    }

    #[test]
    fn a_future_nobody_wakes_is_a_lost_wakeup() {
        let notify = [waits("worker", 9, Some(11), Some("Notified::poll"))];
        assert_eq!(named(&notify), Some((MistakeId::LostWakeup, 11)));
        let own = [waits("main", 30, None, None)];
        assert_eq!(named(&own), Some((MistakeId::LostWakeup, 30)));
        let found_ready = [Event::Unwoken {
            label: "task".into(),
            line: 25,
        }];
        assert_eq!(named(&found_ready), Some((MistakeId::LostWakeup, 25)));
    }

    #[test]
    fn one_task_waiting_for_a_lock_held_by_a_stuck_one_is_a_deadlock() {
        let events = [
            waits("main", 20, Some(25), Some("JoinHandle::poll")),
            waits("audit", 8, Some(12), Some("Mutex::lock")),
        ];
        assert_eq!(named(&events), Some((MistakeId::Deadlock, 12)));
    }

    #[test]
    fn no_waits_name_nothing() {
        assert_eq!(named(&[Event::LoopBlocked { ms: 300 }]), None);
        let joins = [waits("main", 20, Some(25), Some("JoinHandle::poll"))];
        assert_eq!(named(&joins), None);
    }
}
