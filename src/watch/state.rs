//! What the watch screen knows and how it reacts, without a terminal: every
//! key press, save and finished check goes in as an [`Event`], and what must
//! happen in the world comes out as [`Action`]s. Unit-tested on its own.

use crate::outcome::Outcome;
use crate::session::Session;
use crate::timeline::record::Recording;
use crate::timeline::Timeline;
use crate::watch::terminal::Key;

/// Something that happened.
#[derive(Debug)]
pub enum Event {
    Key(Key),
    /// Files under exercises/ changed (the loop keeps only the current one).
    FilesChanged(Vec<std::path::PathBuf>),
    /// The current exercise's file was saved.
    CurrentFileSaved,
    /// A dependency finished building (the first start's long build).
    Built(String),
    /// The terminal was resized: draw again.
    Resized,
    /// A line of feedback from outside: an action that failed (a reset, a
    /// save of the progress file), a save that was missed.
    Note(String),
    /// A check ended; `generation` tells a stale one from the latest.
    CheckDone {
        generation: u64,
        result: Result<Box<Outcome>, String>,
    },
    /// The shipped text of `name` and the learner's passing file were run
    /// with their tasks recorded (see [`Action::Compare`]): `(before, after)`.
    CompareDone {
        name: String,
        result: Result<Option<(Timeline, Timeline)>, String>,
    },
    /// A recorded run of `name` ended (see [`Action::Timeline`]).
    TimelineDone {
        name: String,
        result: Result<Box<Recording>, String>,
    },
}

impl From<crate::watch::terminal::Resized> for Event {
    fn from(_: crate::watch::terminal::Resized) -> Event {
        Event::Resized
    }
}

impl From<Key> for Event {
    fn from(key: Key) -> Event {
        Event::Key(key)
    }
}

impl From<Vec<std::path::PathBuf>> for Event {
    fn from(paths: Vec<std::path::PathBuf>) -> Event {
        Event::FilesChanged(paths)
    }
}

/// Something the loop must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Stop any running check, then check this exercise as `generation`.
    Check {
        name: String,
        generation: u64,
    },
    /// Run this exercise with its tasks recorded, for the timeline.
    Timeline(String),
    /// Run this exercise's shipped text and the learner's passing file with
    /// their tasks recorded, to say what the fix changed.
    Compare(String),
    /// Put the exercise's shipped text back.
    Reset(String),
    SaveProgress,
    Quit,
}

/// Which screen is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Exercise,
    List {
        filter: String,
        /// True while typing the filter.
        typing: bool,
        /// Index into the filtered list.
        selected: usize,
    },
    /// Waiting for `y` before resetting `name`.
    ConfirmReset {
        name: String,
        back_to_list: bool,
    },
    /// The lesson (README) of a phase, from line `top` of the wrapped text.
    Lesson {
        phase: u32,
        top: usize,
    },
    /// The timeline of a run of `name`: recording while `recording` is
    /// `None`, or a run that could not be made.
    Timeline {
        name: String,
        recording: Option<Result<Box<Recording>, String>>,
    },
    /// Every exercise is done.
    Finished,
}

/// A moment between exercises, said under a pass: what `n` leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Milestone {
    /// Every exercise of phase `done` passes; `next` is the phase ahead,
    /// whose lesson the learner should read before going on.
    PhaseDone { done: u32, next: u32 },
    /// Every exercise after this one is done, but `left` are not, the
    /// first being `first`: `n` goes back there.
    GoingBack { first: String, left: usize },
    /// Every exercise of the course passes.
    CourseDone,
}

/// How the lesson fits the terminal; only the screen knows how many lines
/// the wrapped text takes, so the loop sets this before each draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonFit {
    /// The last `top` that still fills the screen.
    pub max_top: usize,
    /// Lines on one screen (what space scrolls by).
    pub page: usize,
}

/// The whole state of the watch screen.
pub struct WatchState {
    pub session: Session,
    pub view: View,
    /// The exercise on screen.
    pub current: String,
    pub outcome: Option<Outcome>,
    /// A check that could not be made (cargo missing, no network...).
    pub check_error: Option<String>,
    pub checking: bool,
    generation: u64,
    /// The last dependency built, while the first build runs.
    pub building: Option<String>,
    /// Show the course's welcome (first start, until the first save).
    pub welcome: bool,
    pub show_diff: bool,
    /// One line of feedback for the last key ("Restored ...").
    message: Option<String>,
    pub manual_run: bool,
    pub lesson_fit: LessonFit,
    /// What the fix changed, said under the pass: `(exercise, line)`; the
    /// line is empty when the runs did not differ enough to tell.
    pub comparison: Option<(String, String)>,
}

impl WatchState {
    pub fn new(session: Session, manual_run: bool, first_start: bool) -> WatchState {
        let current = session.progress.current(&session.course).name.clone();
        WatchState {
            session,
            view: View::Exercise,
            current,
            outcome: None,
            check_error: None,
            checking: false,
            generation: 0,
            building: None,
            welcome: first_start,
            show_diff: false,
            message: None,
            manual_run,
            lesson_fit: LessonFit {
                max_top: 0,
                page: 1,
            },
            comparison: None,
        }
    }

    /// One line of feedback for the last key or event, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The first actions: check the current exercise.
    pub fn start(&mut self) -> Vec<Action> {
        vec![self.check()]
    }

    pub fn on_event(&mut self, event: Event) -> Vec<Action> {
        match event {
            Event::Key(key) => self.on_key(key),
            Event::FilesChanged(_) | Event::Resized => Vec::new(),
            Event::Note(note) => {
                self.message = Some(note);
                Vec::new()
            }
            Event::CurrentFileSaved => {
                self.welcome = false;
                self.message = None;
                vec![self.check()]
            }
            Event::Built(name) => {
                self.building = Some(name);
                Vec::new()
            }
            Event::CheckDone { generation, result } if generation == self.generation => {
                self.checking = false;
                self.building = None;
                match result {
                    Ok(outcome) => {
                        let passed = outcome.passed();
                        self.outcome = Some(*outcome);
                        self.check_error = None;
                        // Every check counts, for the instructor's record;
                        // a pass also marks the exercise done.
                        self.session.progress.record_check(&self.current, passed);
                        let mut actions = vec![Action::SaveProgress];
                        let compared = self
                            .comparison
                            .as_ref()
                            .is_some_and(|c| c.0 == self.current);
                        if passed && !compared && self.about_time() {
                            // Asked once per exercise: a blank line until it is told.
                            self.comparison = Some((self.current.clone(), String::new()));
                            actions.push(Action::Compare(self.current.clone()));
                        }
                        return actions;
                    }
                    Err(error) => self.check_error = Some(error),
                }
                Vec::new()
            }
            // A check of text that has changed since: its verdict is stale.
            Event::CheckDone { .. } => Vec::new(),
            Event::CompareDone { name, result } => {
                if let Ok(Some((before, after))) = result {
                    if after.improves_on(&before) {
                        let line = format!("Before: {}. Now: {}.", before.gist(), after.gist());
                        self.comparison = Some((name, line));
                    }
                }
                Vec::new()
            }
            Event::TimelineDone { name, result } => {
                // Shown only if the learner is still waiting for it.
                if matches!(&self.view, View::Timeline { name: shown, recording: None } if *shown == name)
                {
                    self.view = View::Timeline {
                        name,
                        recording: Some(result),
                    };
                }
                Vec::new()
            }
        }
    }

    fn on_key(&mut self, key: Key) -> Vec<Action> {
        if key == Key::CtrlC {
            return vec![Action::Quit];
        }
        match self.view.clone() {
            View::Exercise | View::Finished => self.on_exercise_key(key),
            View::List { .. } => self.on_list_key(key),
            View::Timeline { .. } => {
                // Any key goes back to the exercise; q still quits.
                self.view = View::Exercise;
                if key == Key::Char('q') {
                    return vec![Action::Quit];
                }
                Vec::new()
            }
            View::Lesson { phase, top } => self.on_lesson_key(key, phase, top),
            View::ConfirmReset { name, back_to_list } => {
                self.view = if back_to_list {
                    self.list_view()
                } else {
                    View::Exercise
                };
                if key == Key::Char('y') {
                    self.message = Some(format!("Restored {name} to its shipped text."));
                    self.session.progress.mark_pending(&name);
                    let mut actions = vec![Action::Reset(name.clone()), Action::SaveProgress];
                    if name == self.current {
                        actions.push(self.check());
                    }
                    actions
                } else {
                    self.message = Some("Reset cancelled: nothing was changed.".into());
                    Vec::new()
                }
            }
        }
    }

    fn on_exercise_key(&mut self, key: Key) -> Vec<Action> {
        self.message = None;
        match key {
            Key::Char('q') => vec![Action::Quit],
            Key::Char('r') => vec![self.check()],
            Key::Char('h') => {
                let total = self.exercise().hints.len();
                let current = self.current.clone();
                self.session.progress.see_hint(&current, total);
                vec![Action::SaveProgress]
            }
            Key::Char('d') if self.passed() => {
                self.show_diff = !self.show_diff;
                Vec::new()
            }
            Key::Char('n') => self.next(),
            Key::Char('o') => {
                self.view = View::Lesson {
                    phase: self.lesson_phase(),
                    top: 0,
                };
                Vec::new()
            }
            Key::Char('l') => {
                self.view = self.list_view();
                Vec::new()
            }
            Key::Char('t') => {
                self.view = View::Timeline {
                    name: self.current.clone(),
                    recording: None,
                };
                vec![Action::Timeline(self.current.clone())]
            }
            Key::Char('x') => {
                self.view = View::ConfirmReset {
                    name: self.current.clone(),
                    back_to_list: false,
                };
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn next(&mut self) -> Vec<Action> {
        if !self.passed() {
            self.message = Some(
                "This exercise does not pass yet. Fix it first, or press l to pick another.".into(),
            );
            return Vec::new();
        }
        let course = &self.session.course;
        match self
            .session
            .progress
            .next_pending(course, Some(&self.current))
        {
            Some(next) => {
                let name = next.name.clone();
                self.go_to(&name)
            }
            None => {
                self.view = View::Finished;
                Vec::new()
            }
        }
    }

    /// The lesson `o` opens: the next phase's at the end of a phase, else
    /// the current phase's.
    pub fn lesson_phase(&self) -> u32 {
        match self.milestone() {
            Some(Milestone::PhaseDone { next, .. }) => next,
            _ => self.exercise().phase,
        }
    }

    fn on_lesson_key(&mut self, key: Key, phase: u32, top: usize) -> Vec<Action> {
        let LessonFit { max_top, page } = self.lesson_fit;
        let top = match key {
            Key::Down | Key::Char('j') | Key::Enter => (top + 1).min(max_top),
            Key::Char(' ') => (top + page).min(max_top),
            Key::Up | Key::Char('k') => top.saturating_sub(1),
            Key::Char('b') => top.saturating_sub(page),
            Key::Char('n') => {
                self.view = View::Exercise;
                return self.next();
            }
            Key::Char('q') => return vec![Action::Quit],
            Key::Escape | Key::Char('o') => {
                self.view = View::Exercise;
                return Vec::new();
            }
            _ => top,
        };
        self.view = View::Lesson { phase, top };
        Vec::new()
    }

    /// Keeps the lesson's scroll within the text, as it now fits.
    pub fn fit_lesson(&mut self, fit: LessonFit) {
        self.lesson_fit = fit;
        if let View::Lesson { top, .. } = &mut self.view {
            *top = (*top).min(fit.max_top);
        }
    }

    /// What a pass of the current exercise leads to, when it is more than
    /// the next exercise of the same phase.
    pub fn milestone(&self) -> Option<Milestone> {
        if !self.passed() {
            return None;
        }
        let course = &self.session.course;
        let progress = &self.session.progress;
        if progress.all_done(course) {
            return Some(Milestone::CourseDone);
        }
        let next = progress.next_pending(course, Some(&self.current))?;
        let index = |name: &str| course.exercises.iter().position(|e| e.name == name);
        if index(&next.name) < index(&self.current) {
            return Some(Milestone::GoingBack {
                first: next.name.clone(),
                left: course.exercises.len() - progress.count_done(&course.exercises),
            });
        }
        let phase = self.exercise().phase;
        let phase_done =
            progress.count_done(course.in_phase(phase)) == course.in_phase(phase).count();
        (phase_done && next.phase != phase).then_some(Milestone::PhaseDone {
            done: phase,
            next: next.phase,
        })
    }

    fn on_list_key(&mut self, key: Key) -> Vec<Action> {
        let View::List {
            mut filter,
            typing,
            mut selected,
        } = self.view.clone()
        else {
            return Vec::new();
        };
        let count = self.filtered(&filter).len();
        let mut typing_now = typing;
        match key {
            Key::Char(c) if typing => {
                filter.push(c);
                selected = 0;
            }
            Key::Backspace if typing => {
                filter.pop();
                selected = 0;
            }
            Key::Enter | Key::Escape if typing => typing_now = false,
            Key::Char('/') => typing_now = true,
            Key::Up | Key::Char('k') => selected = selected.saturating_sub(1),
            Key::Down | Key::Char('j') => selected = (selected + 1).min(count.saturating_sub(1)),
            Key::Enter => {
                let chosen = self.filtered(&filter).get(selected).cloned();
                return match chosen {
                    Some(name) => self.go_to(&name),
                    None => Vec::new(),
                };
            }
            Key::Char('x') => {
                if let Some(name) = self.filtered(&filter).get(selected).cloned() {
                    self.view = View::ConfirmReset {
                        name,
                        back_to_list: true,
                    };
                }
                return Vec::new();
            }
            Key::Escape | Key::Char('l') => {
                self.view = View::Exercise;
                return Vec::new();
            }
            Key::Char('q') => return vec![Action::Quit],
            _ => {}
        }
        self.view = View::List {
            filter,
            typing: typing_now,
            selected,
        };
        Vec::new()
    }

    /// Names of the exercises whose name or phase title contains the filter.
    pub fn filtered(&self, filter: &str) -> Vec<String> {
        let course = &self.session.course;
        let filter = filter.to_lowercase();
        course
            .exercises
            .iter()
            .filter(|e| {
                let phase = course.phase(e.phase).map_or("", |p| p.title.as_str());
                e.name.contains(&filter) || phase.to_lowercase().contains(&filter)
            })
            .map(|e| e.name.clone())
            .collect()
    }

    fn list_view(&self) -> View {
        let selected = self
            .filtered("")
            .iter()
            .position(|n| *n == self.current)
            .unwrap_or(0);
        View::List {
            filter: String::new(),
            typing: false,
            selected,
        }
    }

    fn go_to(&mut self, name: &str) -> Vec<Action> {
        self.current = name.to_string();
        self.session.progress.set_current(name);
        self.view = View::Exercise;
        self.outcome = None;
        self.show_diff = false;
        self.welcome = false;
        vec![Action::SaveProgress, self.check()]
    }

    /// Is the current exercise about time: its shipped text slow, or the
    /// loop blocked? Only then is a before-and-after worth its two runs.
    fn about_time(&self) -> bool {
        use asynclings_diagnosis::MistakeId as M;
        self.exercise()
            .mistakes
            .iter()
            .any(|m| matches!(m, M::BlockingInAsync | M::CpuHog | M::SequentialAwaits))
    }

    fn check(&mut self) -> Action {
        self.generation += 1;
        self.checking = true;
        Action::Check {
            name: self.current.clone(),
            generation: self.generation,
        }
    }

    pub fn exercise(&self) -> &crate::course::Exercise {
        self.session
            .course
            .find(&self.current)
            .expect("the current exercise is in the course")
    }

    /// True when the verdict on screen is a pass of the current text.
    pub fn passed(&self) -> bool {
        !self.checking && self.outcome.as_ref().is_some_and(Outcome::passed)
    }

    pub fn hints_seen(&self) -> usize {
        self.session.progress.hints_seen(&self.current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;
    use crate::outcome::{Mode, Timings, Verdict, SCHEMA_VERSION};
    use crate::progress::Progress;

    const INFO: &str = r#"
format_version = 1
welcome_message = "hi"
final_message = "all done"
[[phases]]
number = 1
title = "Why async exists"
summary = "s"
[[exercises]]
name = "first"
phase = 1
dir = "01"
mode = "test"
hints = ["one", "two"]
[[exercises]]
name = "second"
phase = 1
dir = "01"
mode = "test"
hints = ["one"]
mistakes = ["blocking-in-async"]
[[phases]]
number = 2
title = "The event loop"
summary = "s"
[[exercises]]
name = "third"
phase = 2
dir = "02"
mode = "test"
hints = ["one"]
"#;

    fn state() -> (tempfile::TempDir, WatchState) {
        let dir = tempfile::tempdir().unwrap();
        for path in ["01/first", "01/second", "02/third"] {
            let path = dir.path().join(format!("exercises/{path}.rs"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let course = Course::parse(dir.path(), INFO).unwrap();
        let (progress, _) = Progress::load(dir.path()).unwrap();
        let state = WatchState::new(Session { course, progress }, false, true);
        (dir, state)
    }

    fn outcome(verdict: Verdict) -> Box<Outcome> {
        Box::new(Outcome {
            schema: SCHEMA_VERSION,
            name: "first".into(),
            path: "exercises/01/first.rs".into(),
            mode: Mode::Test,
            verdict,
            summary: String::new(),
            diagnostics: vec![],
            tests: vec![],
            run: None,
            events: Vec::new(),
            expected_output: None,
            mistakes: vec![],
            notes: vec![],
            timings: Timings::default(),
        })
    }

    fn generation(actions: &[Action]) -> u64 {
        actions
            .iter()
            .find_map(|a| match a {
                Action::Check { generation, .. } => Some(*generation),
                _ => None,
            })
            .expect("a check was asked for")
    }

    fn done(state: &mut WatchState, generation: u64, verdict: Verdict) -> Vec<Action> {
        state.on_event(Event::CheckDone {
            generation,
            result: Ok(outcome(verdict)),
        })
    }

    /// What the loop learns outside the state (a reset or a save that
    /// failed, a missed save) comes in as an event, like everything else.
    #[test]
    fn a_note_is_shown_until_the_next_key() {
        let (_dir, mut state) = state();
        state.start();
        let actions = state.on_event(Event::Note("could not save your progress".into()));
        assert!(actions.is_empty());
        assert_eq!(state.message(), Some("could not save your progress"));
        state.on_event(Event::Key(Key::Char('o')));
        assert_eq!(state.message(), None);
    }

    #[test]
    fn a_pass_is_recorded_and_n_moves_on() {
        let (_dir, mut state) = state();
        let first = generation(&state.start());
        assert_eq!(state.on_event(Event::Key(Key::Char('n'))), vec![]);
        assert!(state
            .message
            .as_deref()
            .unwrap()
            .contains("does not pass yet"));
        assert_eq!(
            done(&mut state, first, Verdict::Passed),
            vec![Action::SaveProgress]
        );
        assert!(state.session.progress.is_done("first"));
        let actions = state.on_event(Event::Key(Key::Char('n')));
        assert_eq!(state.current, "second");
        assert!(actions.contains(&Action::SaveProgress));
        assert!(state.checking && state.outcome.is_none());
    }

    #[test]
    fn a_save_during_a_check_makes_the_running_verdict_stale() {
        let (_dir, mut state) = state();
        let first = generation(&state.start());
        let second = generation(&state.on_event(Event::CurrentFileSaved));
        assert!(second > first);
        // The first check ends with the old text's verdict: not shown.
        done(&mut state, first, Verdict::CompileError);
        assert!(state.checking && state.outcome.is_none());
        done(&mut state, second, Verdict::Passed);
        assert!(state.passed());
    }

    #[test]
    fn hints_advance_one_level_per_key_and_stop_at_the_last() {
        let (_dir, mut state) = state();
        for expected in [1, 2, 2] {
            assert_eq!(
                state.on_event(Event::Key(Key::Char('h'))),
                vec![Action::SaveProgress]
            );
            assert_eq!(state.hints_seen(), expected);
        }
    }

    #[test]
    fn reset_asks_first() {
        let (_dir, mut state) = state();
        state.start();
        state.on_event(Event::Key(Key::Char('x')));
        assert!(matches!(state.view, View::ConfirmReset { .. }));
        assert_eq!(state.on_event(Event::Key(Key::Char('n'))), vec![]);
        assert_eq!(state.view, View::Exercise);
        state.on_event(Event::Key(Key::Char('x')));
        let actions = state.on_event(Event::Key(Key::Char('y')));
        assert_eq!(actions[0], Action::Reset("first".into()));
    }

    #[test]
    fn the_list_filters_and_jumps() {
        let (_dir, mut state) = state();
        state.start();
        state.on_event(Event::Key(Key::Char('l')));
        for key in [Key::Char('/'), Key::Char('s'), Key::Char('e'), Key::Enter] {
            state.on_event(Event::Key(key));
        }
        let View::List { filter, .. } = &state.view else {
            panic!("in the list")
        };
        assert_eq!(filter, "se");
        assert_eq!(state.filtered(filter), ["second"]);
        let actions = state.on_event(Event::Key(Key::Enter));
        assert_eq!(state.current, "second");
        assert_eq!(state.view, View::Exercise);
        assert!(actions
            .iter()
            .any(|a| matches!(a, Action::Check { name, .. } if name == "second")));
    }

    /// Goes to `name` and sees it pass.
    fn pass(state: &mut WatchState, name: &str) {
        let check = generation(&state.go_to(name));
        done(state, check, Verdict::Passed);
        assert!(state.passed());
    }

    fn press(state: &mut WatchState, keys: &[Key]) -> Vec<Action> {
        keys.iter()
            .flat_map(|key| state.on_event(Event::Key(*key)))
            .collect()
    }

    #[test]
    fn the_last_pass_of_a_phase_offers_the_next_lesson_then_goes_on() {
        let (_dir, mut state) = state();
        state.start();
        pass(&mut state, "first");
        assert_eq!(state.milestone(), None, "second is in the same phase");
        pass(&mut state, "second");
        assert_eq!(
            state.milestone(),
            Some(Milestone::PhaseDone { done: 1, next: 2 })
        );
        press(&mut state, &[Key::Char('o')]);
        assert_eq!(state.view, View::Lesson { phase: 2, top: 0 });
        state.fit_lesson(LessonFit {
            max_top: 5,
            page: 3,
        });
        let tops: Vec<usize> = [
            Key::Down,
            Key::Char(' '),
            Key::Char(' '),
            Key::Up,
            Key::Char('b'),
        ]
        .iter()
        .map(|key| {
            press(&mut state, &[*key]);
            let View::Lesson { top, .. } = state.view else {
                panic!("still in the lesson")
            };
            top
        })
        .collect();
        assert_eq!(tops, [1, 4, 5, 4, 1]);
        press(&mut state, &[Key::Escape]);
        assert_eq!(state.view, View::Exercise);
        let actions = press(&mut state, &[Key::Char('o'), Key::Char('n')]);
        assert_eq!(state.current, "third");
        assert_eq!(state.view, View::Exercise);
        assert!(actions
            .iter()
            .any(|a| matches!(a, Action::Check { name, .. } if name == "third")));
    }

    #[test]
    fn a_lesson_opened_mid_phase_is_the_current_phases() {
        let (_dir, mut state) = state();
        state.start();
        press(&mut state, &[Key::Char('o')]);
        assert_eq!(state.view, View::Lesson { phase: 1, top: 0 });
        state.fit_lesson(LessonFit {
            max_top: 0,
            page: 3,
        });
        press(&mut state, &[Key::Char(' ')]);
        assert_eq!(state.view, View::Lesson { phase: 1, top: 0 });
        // Not passed: n says so, on the exercise's screen.
        assert_eq!(press(&mut state, &[Key::Char('n')]), vec![]);
        assert_eq!(state.view, View::Exercise);
        assert!(state
            .message
            .as_deref()
            .unwrap()
            .contains("does not pass yet"));
    }

    #[test]
    fn the_end_of_the_course_is_said_and_n_does_not_wrap_around() {
        let (_dir, mut state) = state();
        state.start();
        pass(&mut state, "first");
        pass(&mut state, "second");
        pass(&mut state, "third");
        assert_eq!(state.milestone(), Some(Milestone::CourseDone));
        assert_eq!(press(&mut state, &[Key::Char('n')]), vec![]);
        assert_eq!(state.view, View::Finished);
        assert_eq!(state.current, "third");
    }

    #[test]
    fn after_the_last_exercise_n_goes_back_to_a_skipped_one_and_says_so() {
        let (_dir, mut state) = state();
        state.start();
        pass(&mut state, "second");
        pass(&mut state, "third");
        assert_eq!(
            state.milestone(),
            Some(Milestone::GoingBack {
                first: "first".into(),
                left: 1
            })
        );
        press(&mut state, &[Key::Char('n')]);
        assert_eq!(state.current, "first");
    }

    #[test]
    fn quitting_works_from_every_view() {
        let (_dir, mut state) = state();
        state.start();
        assert_eq!(state.on_event(Event::Key(Key::CtrlC)), vec![Action::Quit]);
        state.on_event(Event::Key(Key::Char('l')));
        assert_eq!(
            state.on_event(Event::Key(Key::Char('q'))),
            vec![Action::Quit]
        );
    }

    /// `t` records a run of the current exercise; the picture is shown only
    /// while the learner still waits for it, and any key goes back.
    #[test]
    fn t_shows_the_timeline_of_the_current_exercise() {
        let (_dir, mut state) = state();
        let actions = state.on_event(Event::Key(Key::Char('t')));
        assert_eq!(actions, vec![Action::Timeline("first".into())]);
        assert!(matches!(
            &state.view,
            View::Timeline {
                recording: None,
                ..
            }
        ));
        let recording = Recording {
            timeline: crate::timeline::Timeline::default(),
            ended: "it ran to the end".into(),
        };
        state.on_event(Event::TimelineDone {
            name: "first".into(),
            result: Ok(Box::new(recording.clone())),
        });
        assert_eq!(
            state.view,
            View::Timeline {
                name: "first".into(),
                recording: Some(Ok(Box::new(recording.clone())))
            }
        );
        assert_eq!(state.on_event(Event::Key(Key::Char('x'))), vec![]);
        assert_eq!(state.view, View::Exercise);
        // A recording that comes back after the learner left is not shown.
        state.on_event(Event::TimelineDone {
            name: "first".into(),
            result: Ok(Box::new(recording)),
        });
        assert_eq!(state.view, View::Exercise);
    }

    /// The first pass of an exercise about time (a blocked loop, a slow
    /// run) asks for its shipped text and the fix to be compared, once; the
    /// line is told when the fix did better.
    #[test]
    fn a_pass_of_an_exercise_about_time_is_compared_once() {
        use crate::timeline::tests::{BLOCKED, OVERLAPPED};
        let (_dir, mut state) = state();
        let g = generation(&state.start());
        assert_eq!(
            done(&mut state, g, Verdict::Passed),
            vec![Action::SaveProgress]
        );
        state.current = "second".into();
        let g = generation(&[state.check()]);
        assert_eq!(
            done(&mut state, g, Verdict::Passed),
            vec![Action::SaveProgress, Action::Compare("second".into())]
        );
        let g = generation(&[state.check()]);
        assert_eq!(
            done(&mut state, g, Verdict::Passed),
            vec![Action::SaveProgress]
        );
        let (before, after) = (Timeline::parse(BLOCKED), Timeline::parse(OVERLAPPED));
        state.on_event(Event::CompareDone {
            name: "second".into(),
            result: Ok(Some((before, after))),
        });
        assert_eq!(
            state.comparison,
            Some((
                "second".into(),
                "Before: 900 ms, the loop blocked for 900 ms. Now: 300 ms, the loop never blocked."
                    .into()
            ))
        );
    }
}
