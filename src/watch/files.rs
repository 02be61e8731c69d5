//! File events, filtered and coalesced: one "changed" per save, however
//! many events the editor's way of saving makes (in-place write, atomic
//! rename-over, delete-and-recreate).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long to wait for the rest of a save's events: long enough to
/// gather a rename-over's pair, short enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// Watches `dir` recursively; sends the changed `.rs` files of each save
/// (deduplicated) through `changed`. Keep the watcher alive while watching.
pub fn watch<E: From<Vec<PathBuf>> + Send + 'static>(
    dir: &Path,
    changed: Sender<E>,
) -> notify::Result<RecommendedWatcher> {
    let (raw_tx, raw_rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if !is_content_change(&event.kind) {
            return;
        }
        for path in event.paths.into_iter().filter(|p| is_source(p)) {
            let _ = raw_tx.send(path);
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;

    std::thread::spawn(move || {
        // Block until a save starts, then gather what follows within DEBOUNCE.
        while let Ok(first) = raw_rx.recv() {
            let mut paths = vec![first];
            while let Ok(more) = raw_rx.recv_timeout(DEBOUNCE) {
                if !paths.contains(&more) {
                    paths.push(more);
                }
            }
            if changed.send(E::from(paths)).is_err() {
                return;
            }
        }
    });
    Ok(watcher)
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
}
