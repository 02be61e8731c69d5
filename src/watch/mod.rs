//! Watch mode: the coach a learner lives in all day. Checks the current
//! exercise, re-checks on every save, and reacts to single key presses.
//!
//! The pieces: `state` decides (pure, unit-tested), `screen` draws,
//! `files` turns file events into saves, `terminal` owns raw mode and keys.
//! This module is the loop that connects them: it blocks on one channel of
//! events, so an idle watcher uses no CPU.

pub mod files;
pub mod screen;
pub mod state;
pub mod terminal;

use std::io::{IsTerminal, Write};
use std::sync::mpsc;

use crate::check::{process, Target};
use crate::diagnosis;
use crate::session::{Result, Session};
use crate::timeline::record as recording;
use state::{Action, Event, WatchState};

/// Whether watch mode has a terminal to live in: keys from one, the
/// screen drawn on it. Without one (piped, CI) the caller checks once.
pub fn has_terminal() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// Runs watch mode on a terminal (see [`has_terminal`]) until the learner
/// quits.
pub fn watch(session: Session, manual_run: bool, first_start: bool) -> Result<bool> {
    let exercises_dir = session.course.root.join("exercises");
    let (events, incoming) = mpsc::channel::<Event>();
    let _raw = terminal::RawMode::enter().map_err(|e| {
        format!(
            "cannot take the terminal's keys ({e}). `asynclings run` checks the current \
             exercise without them."
        )
    })?;
    terminal::spawn_event_reader(events.clone());
    let _watcher = if manual_run {
        None
    } else {
        Some(files::watch(&exercises_dir, events.clone()).map_err(|e| {
            format!(
                "cannot watch {} for saves ({e}). Start with --manual-run and press r to check.",
                exercises_dir.display()
            )
        })?)
    };

    let mut state = WatchState::new(session, manual_run, first_start);
    let mut actions = state.start();
    // When the file last checked was modified: a later change that came
    // with no event means this file system does not send them.
    let mut checked_mtime = None;
    loop {
        for action in actions.drain(..) {
            match action {
                Action::Check { name, generation } => {
                    checked_mtime = modified(&state);
                    start_check(&state, &name, generation, &events);
                }
                Action::Timeline(name) => start_timeline(&state, &name, &events),
                Action::Compare(name) => start_comparison(&state, &name, &events),
                Action::Reset(name) => {
                    if let Err(e) = state.session.restore(&name) {
                        state.on_event(Event::Note(e.to_string()));
                    }
                }
                Action::SaveProgress => match state.session.save_quietly() {
                    Ok(None) => {}
                    Ok(Some(warning)) => {
                        state.on_event(Event::Note(warning.to_string()));
                    }
                    Err(e) => {
                        state.on_event(Event::Note(e.to_string()));
                    }
                },
                Action::Quit => {
                    process::kill_running();
                    return Ok(true);
                }
            }
        }
        redraw(&mut state);
        let Ok(event) = incoming.recv() else {
            return Ok(true);
        };
        let event = match event {
            Event::FilesChanged(paths) => {
                let current = state.session.course.root.join(state.exercise().path());
                if paths.iter().any(|p| files::same_file(p, &current)) {
                    Event::CurrentFileSaved
                } else {
                    continue;
                }
            }
            other => other,
        };
        let missed_save =
            !manual_run && event_is_recheck(&event) && modified(&state) != checked_mtime;
        actions = state.on_event(event);
        if missed_save {
            actions.extend(state.on_event(Event::Note(MISSED_SAVE.into())));
        }
    }
}

const MISSED_SAVE: &str =
    "Your file changed, but no save was noticed. If this keeps happening, this \
file system does not report changes (WSL2 on a Windows drive, network folders): start with \
`asynclings --manual-run` and press r after each save.";

fn event_is_recheck(event: &Event) -> bool {
    matches!(event, Event::Key(terminal::Key::Char('r')))
}

/// When the current exercise's file was last modified.
fn modified(state: &WatchState) -> Option<std::time::SystemTime> {
    let path = state.session.course.root.join(state.exercise().path());
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Stops any running check and starts this one on a thread; its verdict
/// comes back as an event.
fn start_check(state: &WatchState, name: &str, generation: u64, events: &mpsc::Sender<Event>) {
    process::kill_checks();
    let course = &state.session.course;
    let exercise = course.find(name).expect("checks are of course exercises");
    let target = Target::exercise(course, exercise);
    let events = events.clone();
    std::thread::spawn(move || {
        let progress = events.clone();
        let result = diagnosis::check_and_diagnose(&target, &mut |krate| {
            let _ = progress.send(Event::Built(krate.to_string()));
        });
        let result = result.map(Box::new).map_err(|e| e.to_string());
        let _ = events.send(Event::CheckDone { generation, result });
    });
}

/// Records a run of the exercise on a thread (its build and run take a
/// while); the recording comes back as an event.
fn start_timeline(state: &WatchState, name: &str, events: &mpsc::Sender<Event>) {
    let course = &state.session.course;
    let exercise = course
        .find(name)
        .expect("timelines are of course exercises");
    let (root, file, limit) = (
        course.root.clone(),
        course.root.join(exercise.path()),
        exercise.timeout,
    );
    let (name, events) = (name.to_string(), events.clone());
    std::thread::spawn(move || {
        // Asked for by the learner: a save meanwhile does not stop it.
        let result = process::as_recording(|| recording::record(&root, &file, limit))
            .map(Box::new)
            .map_err(|e| e.to_string());
        let _ = events.send(Event::TimelineDone { name, result });
    });
}

/// Records the shipped text and the learner's file on a thread; what the
/// fix changed comes back as an event.
fn start_comparison(state: &WatchState, name: &str, events: &mpsc::Sender<Event>) {
    let course = &state.session.course;
    let exercise = course
        .find(name)
        .expect("comparisons are of course exercises")
        .clone();
    let root = course.root.clone();
    if !recording::recording_is_built(&root) {
        return; // not worth a first build of tokio behind the learner's back
    }
    let (name, events) = (name.to_string(), events.clone());
    std::thread::spawn(move || {
        // A check of a newer save stops it: its verdict comes first, and a
        // new pass asks for a new comparison.
        let result = recording::shipped_and_now(&root, &exercise).map_err(|e| e.to_string());
        let _ = events.send(Event::CompareDone { name, result });
    });
}

fn redraw(state: &mut WatchState) {
    let (width, height) = (terminal::width(), terminal::height());
    // The lesson's length on screen depends on the terminal's size.
    state.fit_lesson(screen::lesson_fit(state, width, height));
    let screen = screen::draw(state, width, height);
    let mut stdout = std::io::stdout().lock();
    // Home, clear, draw: the whole screen each time keeps it simple and
    // never leaves stale lines behind.
    let _ = crossterm::queue!(
        stdout,
        crossterm::cursor::MoveTo(0, 0),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    );
    let _ = write!(stdout, "{}", terminal::raw_lines(&screen));
    let _ = stdout.flush();
}
