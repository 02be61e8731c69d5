//! `asynclings reset NAME`: put the shipped text back, without git.

use super::{Result, Session};
use crate::originals;

pub fn reset(mut session: Session, name: &str) -> Result<bool> {
    let path = restore(&session, name)?;
    session.progress.mark_pending(name);
    session.save()?;
    println!("Restored {} to its shipped text.", path.display());
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
    // Write beside it, then rename: an editor never sees half a file.
    let full = session.course.root.join(&path);
    let tmp = full.with_extension("rs.reset-tmp");
    std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, &full))?;
    Ok(path)
}
