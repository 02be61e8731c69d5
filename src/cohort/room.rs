//! The room at a glance: every learner in a stable order, and the exercise
//! that holds the most people (where the instructor is needed).

use super::record::LearnerRecord;

pub struct Room {
    /// By name, so a learner finds their own row.
    pub learners: Vec<LearnerRecord>,
    /// None when nobody is still working (or nobody is in the room).
    pub busiest: Option<Busiest>,
}

/// The exercise the most learners are on, and how it goes for them there.
#[derive(Debug, PartialEq)]
pub struct Busiest {
    pub exercise: String,
    pub phase: u32,
    /// How many learners are on it, of `working` who have not finished.
    pub learners: usize,
    pub working: usize,
    pub median_checks: f64,
    pub median_hints: f64,
}

impl Room {
    pub fn of(mut learners: Vec<LearnerRecord>) -> Room {
        learners.sort_by_cached_key(|r| (r.learner.to_lowercase(), r.learner.clone()));
        let busiest = busiest(&learners);
        Room { learners, busiest }
    }

    /// True for a learner on the busiest exercise.
    pub fn is_on_busiest(&self, record: &LearnerRecord) -> bool {
        self.busiest
            .as_ref()
            .is_some_and(|b| !record.finished() && record.current == b.exercise)
    }
}

fn busiest(learners: &[LearnerRecord]) -> Option<Busiest> {
    let working: Vec<&LearnerRecord> = learners.iter().filter(|r| !r.finished()).collect();
    // Most people first; on a tie, the earliest phase, then the name.
    let (phase, exercise) = working
        .iter()
        .map(|r| (r.current_phase, &r.current))
        .max_by_key(|&(phase, name)| {
            let count = working.iter().filter(|r| &r.current == name).count();
            (count, std::cmp::Reverse((phase, name)))
        })?;
    let there: Vec<&&LearnerRecord> = working.iter().filter(|r| &r.current == exercise).collect();
    let count = |counts: fn(&LearnerRecord) -> &std::collections::BTreeMap<String, u64>| {
        median(
            there
                .iter()
                .map(|r| counts(r).get(exercise).copied().unwrap_or(0))
                .collect(),
        )
    };
    Some(Busiest {
        exercise: exercise.clone(),
        phase,
        learners: there.len(),
        working: working.len(),
        median_checks: count(|r| &r.checks),
        median_hints: count(|r| &r.hints),
    })
}

/// The middle value; for an even count, halfway between the two middle ones.
fn median(mut values: Vec<u64>) -> f64 {
    values.sort_unstable();
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2] as f64,
        n => (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0,
    }
}

/// A median as people read it: `2`, or `2.5`.
pub fn shown(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![9, 1, 4]), 4.0);
        assert_eq!(median(vec![3, 1, 2, 8]), 2.5);
        assert_eq!(median(vec![]), 0.0);
        assert_eq!((shown(2.0), shown(2.5)), ("2".into(), "2.5".into()));
    }
}
