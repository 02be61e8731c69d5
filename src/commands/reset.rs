//! `asynclings reset NAME`: put the shipped text back, without git.

use super::{Result, Session};
use crate::originals;

pub fn reset(mut session: Session, name: &str) -> Result<bool> {
    let path = restore(&session, name)?;
    println!("Restored {} to its shipped text.", path.display());
    session.progress.mark_pending(name);
    session.save()?;
    Ok(true)
}

/// Writes the shipped text of exercise `name` back; returns its path.
pub fn restore(session: &Session, name: &str) -> Result<std::path::PathBuf> {
    let exercise = session.exercise(Some(name))?;
    let path = exercise.path();
    let Some(text) = originals::original(&path) else {
        return Err(format!(
            "this build of asynclings does not know the shipped text of {} (it was built after the file \
             had been edited). Restore it with `git checkout -- {}` or from a fresh copy of the course.",
            path.display(),
            path.display()
        )
        .into());
    };
    // Written beside it, then renamed: an editor never sees half a file.
    let full = session.course.root.join(&path);
    crate::progress::write_atomically(&full, text.as_bytes()).map_err(|e| {
        format!(
            "could not restore {}: {e}. Check that its folder is writable.",
            path.display()
        )
    })?;
    Ok(path)
}
