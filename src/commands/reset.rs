//! `asynclings reset NAME`: put the shipped text back, without git.

use super::{Result, Session};

pub fn reset(mut session: Session, name: &str) -> Result<bool> {
    let path = session.restore(name)?;
    println!("Restored {} to its shipped text.", path.display());
    session.progress.mark_pending(name);
    session.save()?;
    Ok(true)
}
