//! File events, filtered and coalesced: one "changed" per save, however
//! many events the editor's way of saving makes (in-place write, atomic
//! rename-over, delete-and-recreate). A watch follows a folder, not a
//! path: when the watched folder is replaced (`rm -rf exercises && cp -r
//! backup exercises`, or a rename), the new folder at the path is watched.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long to wait for the rest of a save's events: long enough to
/// gather a rename-over's pair, short enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// How often, when idle, to look whether the watched folder was replaced
/// (a stat: no measurable CPU).
const RECHECK: Duration = Duration::from_secs(1);

/// Watching a folder; dropping it stops the watch.
pub struct Watching {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

/// What the file system said, before coalescing.
enum Raw {
    Source(PathBuf),
    /// The watched folder itself was removed or moved away.
    RootGone,
}

/// Watches `dir` recursively; sends the changed `.rs` files of each save
/// (deduplicated) through `changed`. Keep the result alive while watching.
pub fn watch<E: From<Vec<PathBuf>> + Send + 'static>(
    dir: &Path,
    changed: Sender<E>,
) -> notify::Result<Watching> {
    let (raw_tx, raw_rx) = mpsc::channel::<Raw>();
    let root = dir.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let moved = matches!(event.kind, EventKind::Modify(ModifyKind::Name(_)));
        if (moved || matches!(event.kind, EventKind::Remove(_))) && event.paths.contains(&root) {
            let _ = raw_tx.send(Raw::RootGone);
        }
        if !is_content_change(&event.kind) {
            return;
        }
        for path in event.paths.into_iter().filter(|p| is_source(p)) {
            let _ = raw_tx.send(Raw::Source(path));
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    let watcher = Arc::new(Mutex::new(watcher));
    let mut root = Root {
        dir: dir.to_path_buf(),
        watcher: Arc::downgrade(&watcher),
        watched: identity(dir),
        gone: false,
    };

    std::thread::spawn(move || {
        let send = |paths: Vec<PathBuf>| changed.send(E::from(paths)).is_ok();
        loop {
            // Wait for a save to start (or, idle, look at the folder now
            // and then); then gather what follows within DEBOUNCE.
            let mut paths = Vec::new();
            let mut wait = RECHECK;
            loop {
                match raw_rx.recv_timeout(wait) {
                    Ok(Raw::Source(path)) => {
                        if !paths.contains(&path) {
                            paths.push(path);
                        }
                    }
                    Ok(Raw::RootGone) => root.gone = true,
                    Err(RecvTimeoutError::Timeout) => break,
                    // The watcher was dropped: watching is over.
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                wait = DEBOUNCE;
            }
            if let Some(replaced) = root.rewatch_if_replaced() {
                paths.extend(replaced);
            }
            if !paths.is_empty() && !send(paths) {
                return;
            }
        }
    });
    Ok(Watching { _watcher: watcher })
}

/// The watched folder, and which folder at that path is being watched.
struct Root {
    dir: PathBuf,
    watcher: Weak<Mutex<RecommendedWatcher>>,
    watched: Option<Identity>,
    /// A removal of the folder was reported (its successor may even reuse
    /// its inode number, so identity alone cannot tell).
    gone: bool,
}

impl Root {
    /// When a different folder now stands at the path, watches it instead;
    /// returns its source files, every one of which may have changed.
    fn rewatch_if_replaced(&mut self) -> Option<Vec<PathBuf>> {
        let now = identity(&self.dir)?;
        if !self.gone && Some(now) == self.watched {
            return None;
        }
        let watcher = self.watcher.upgrade()?;
        let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
        // The old watch may already be gone with its folder.
        let _ = watcher.unwatch(&self.dir);
        // Not there yet (a copy under way): try again at the next look.
        watcher.watch(&self.dir, RecursiveMode::Recursive).ok()?;
        self.watched = Some(now);
        self.gone = false;
        let mut sources = Vec::new();
        sources_under(&self.dir, &mut sources);
        Some(sources)
    }
}

/// What tells one folder from another at the same path.
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = std::time::SystemTime;

#[cfg(unix)]
fn identity(dir: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir).ok()?;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(dir: &Path) -> Option<Identity> {
    std::fs::metadata(dir).ok()?.created().ok()
}

/// Every source file under `dir`.
fn sources_under(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            sources_under(&path, found);
        } else if is_source(&path) {
            found.push(path);
        }
    }
}

/// Reads, opens and metadata changes are not saves.
fn is_content_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Only Rust files: editors' swap and backup files (`.p1.rs.swp`,
/// `p1.rs~`, `4913`) are not the exercise.
fn is_source(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rs")
}

/// True when `changed` is the file at `target` (the same folder and name;
/// the folder compared canonically, since the file itself may be gone
/// for a moment during a delete-and-recreate).
pub fn same_file(changed: &Path, target: &Path) -> bool {
    let canonical_dir = |p: &Path| p.parent().and_then(|d| d.canonicalize().ok());
    changed.file_name() == target.file_name() && canonical_dir(changed) == canonical_dir(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Changed(Vec<PathBuf>);
    impl From<Vec<PathBuf>> for Changed {
        fn from(paths: Vec<PathBuf>) -> Self {
            Changed(paths)
        }
    }

    fn next_change(rx: &mpsc::Receiver<Changed>) -> Vec<PathBuf> {
        rx.recv_timeout(Duration::from_secs(5))
            .expect("a change is reported")
            .0
    }

    #[test]
    fn saves_of_every_kind_are_seen_and_other_files_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p1.rs");
        std::fs::write(&file, "one").unwrap();
        let (tx, rx) = mpsc::channel();
        let _watcher = watch(dir.path(), tx).unwrap();

        std::fs::write(&file, "in place").unwrap();
        assert!(next_change(&rx).iter().any(|p| same_file(p, &file)));

        let tmp = dir.path().join("p1.rs.tmp");
        std::fs::write(&tmp, "renamed over").unwrap();
        std::fs::rename(&tmp, &file).unwrap();
        assert!(next_change(&rx).iter().any(|p| same_file(p, &file)));

        std::fs::remove_file(&file).unwrap();
        std::fs::write(&file, "recreated").unwrap();
        let paths = next_change(&rx);
        assert!(paths.iter().any(|p| same_file(p, &file)));

        std::fs::write(dir.path().join("notes.txt"), "not code").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
    }

    /// Lets the watcher notice what happened, and forgets what it said.
    fn settle(rx: &mpsc::Receiver<Changed>) {
        std::thread::sleep(RECHECK * 2);
        while rx.try_recv().is_ok() {}
    }

    /// Waits until a change of `file` is reported, skipping others.
    fn wait_for_change_of(rx: &mpsc::Receiver<Changed>, file: &Path) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if let Ok(Changed(paths)) = rx.recv_timeout(Duration::from_millis(100)) {
                if paths.iter().any(|p| same_file(p, file)) {
                    return;
                }
            }
        }
        panic!("no change of {} was reported", file.display());
    }

    #[test]
    fn a_replaced_folder_is_watched_again() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("exercises");
        let file = dir.join("01/p1.rs");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "one").unwrap();
        let (tx, rx) = mpsc::channel();
        let _watcher = watch(&dir, tx).unwrap();

        // Removed, then copied back: a new folder at the same path.
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "copied back").unwrap();
        settle(&rx);
        std::fs::write(&file, "saved after").unwrap();
        wait_for_change_of(&rx, &file);

        // Renamed away, and another folder renamed in: no removal at all.
        let other = parent.path().join("backup");
        std::fs::create_dir_all(other.join("01")).unwrap();
        std::fs::write(other.join("01/p1.rs"), "backup").unwrap();
        std::fs::rename(&dir, parent.path().join("old")).unwrap();
        std::fs::rename(&other, &dir).unwrap();
        settle(&rx);
        std::fs::write(&file, "saved in the backup").unwrap();
        wait_for_change_of(&rx, &file);
    }
}
