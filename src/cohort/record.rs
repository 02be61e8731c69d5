//! A learner's record: what `asynclings progress --json --learner NAME`
//! prints and `asynclings cohort` reads, one per person in the room.
//! The format is in docs/json-schema.md; within schema 1 fields may only
//! be added, so a reader ignores the ones it does not know.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::course::Course;
use crate::outcome::SCHEMA_VERSION;
use crate::progress::Progress;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct LearnerRecord {
    pub schema: u32,
    pub learner: String,
    /// The course, by its first phase's title: info.toml has no name.
    pub course: String,
    pub done: usize,
    pub total: usize,
    pub current: String,
    pub current_phase: u32,
    /// When an exercise last passed (RFC 3339 UTC); null before the first.
    #[serde(default)]
    pub last_pass: Option<String>,
    pub phases: Vec<PhaseRecord>,
    /// Hints shown, by exercise; exercises without any are left out.
    #[serde(default)]
    pub hints: BTreeMap<String, u64>,
    /// Checks made, by exercise; exercises never checked are left out.
    #[serde(default)]
    pub checks: BTreeMap<String, u64>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PhaseRecord {
    pub number: u32,
    pub title: String,
    pub done: usize,
    pub total: usize,
    /// Not done, before the current exercise: jumped over.
    #[serde(default)]
    pub skipped: usize,
}

impl LearnerRecord {
    /// The record of this learner's progress through the course.
    pub fn of(course: &Course, progress: &Progress, learner: &str) -> LearnerRecord {
        let current = progress.current(course);
        let per_exercise = |count: &dyn Fn(&str) -> u64| {
            course
                .exercises
                .iter()
                .map(|e| (e.name.clone(), count(&e.name)))
                .filter(|(_, n)| *n > 0)
                .collect()
        };
        LearnerRecord {
            schema: SCHEMA_VERSION,
            learner: learner.to_string(),
            course: course.phases.first().map_or("", |p| &p.title).to_string(),
            done: progress.count_done(&course.exercises),
            total: course.exercises.len(),
            current: current.name.clone(),
            current_phase: current.phase,
            last_pass: course
                .exercises
                .iter()
                .filter_map(|e| progress.last_pass(&e.name))
                .max()
                .map(str::to_string),
            phases: course
                .phases
                .iter()
                .map(|p| PhaseRecord {
                    number: p.number,
                    title: p.title.clone(),
                    done: progress.count_done(course.in_phase(p.number)),
                    total: course.in_phase(p.number).count(),
                    skipped: course
                        .in_phase(p.number)
                        .filter(|e| progress.is_skipped(course, &e.name))
                        .count(),
                })
                .collect(),
            hints: per_exercise(&|name| progress.hints_seen(name) as u64),
            checks: per_exercise(&|name| progress.checks(name)),
        }
    }

    /// Reads one record; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<LearnerRecord, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("it is not JSON ({e})"))?;
        match value.get("schema").and_then(|s| s.as_u64()) {
            Some(schema) if schema == u64::from(SCHEMA_VERSION) => {}
            Some(schema) => {
                return Err(format!(
                    "its schema is {schema} and this asynclings reads {SCHEMA_VERSION}: \
                     use the same asynclings as the learners"
                ))
            }
            None => return Err("it is not a learner record (it has no schema)".into()),
        }
        let record: LearnerRecord = serde_json::from_value(value)
            .map_err(|e| format!("it is not a learner record ({e})"))?;
        if record.learner.trim().is_empty() {
            return Err("its learner name is empty".into());
        }
        Ok(record)
    }

    /// Every exercise done.
    pub fn finished(&self) -> bool {
        self.done >= self.total
    }

    /// The title of the phase the learner is in.
    pub fn phase_title(&self) -> &str {
        self.phases
            .iter()
            .find(|p| p.number == self.current_phase)
            .map_or("", |p| &p.title)
    }

    /// The last pass as people read it (`2025-06-01 14:05 UTC`), "never"
    /// before the first, "unknown" for a time that is not RFC 3339.
    pub fn last_pass_shown(&self) -> String {
        let Some(text) = &self.last_pass else {
            return "never".into();
        };
        match humantime::parse_rfc3339_weak(text) {
            Ok(time) => {
                let utc = humantime::format_rfc3339_seconds(time).to_string();
                format!("{} {} UTC", &utc[..10], &utc[11..16])
            }
            Err(_) => "unknown".into(),
        }
    }
}
