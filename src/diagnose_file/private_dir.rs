//! Where `diagnose` builds outside a course: a folder of the user's own
//! cache (`~/.cache/asynclings/diagnose` on Linux), never a shared temp dir.
//!
//! cargo obeys the `.cargo/config.toml` of the folder it runs in (a
//! `rustc-wrapper` is a program it runs), and `diagnose` writes files there:
//! a folder another user can write to, or one they made, would let them
//! run code as this user or overwrite this user's files. So each folder is
//! created readable by its owner only (0700), and one that is a symbolic
//! link, belongs to someone else or is writable by others is refused.

use std::path::{Path, PathBuf};

use super::DiagnoseError;

/// The folders below the cache that `diagnose` makes and owns.
const FOLDERS: [&str; 2] = ["asynclings", "diagnose"];

/// The user's private diagnose folder, created if needed.
pub fn diagnose_home() -> Result<PathBuf, DiagnoseError> {
    let mut dir = dirs::cache_dir().ok_or(DiagnoseError::NoCache)?;
    std::fs::create_dir_all(&dir).map_err(|source| scratch_error(&dir, source))?;
    for folder in FOLDERS {
        dir.push(folder);
        make_private(&dir)?;
    }
    Ok(dir)
}

/// Creates `dir` as 0700, or checks the one already there.
fn make_private(dir: &Path) -> Result<(), DiagnoseError> {
    match crate::os::create_private_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(source) => return Err(scratch_error(dir, source)),
    }
    match unsafe_because(dir).map_err(|source| scratch_error(dir, source))? {
        None => Ok(()),
        Some(reason) => Err(DiagnoseError::Unsafe {
            dir: dir.display().to_string(),
            reason,
        }),
    }
}

/// Why `dir` cannot be trusted, if it cannot (see [`crate::os::untrusted_because`]).
fn unsafe_because(dir: &Path) -> std::io::Result<Option<String>> {
    crate::os::untrusted_because(dir)
}

fn scratch_error(dir: &Path, source: std::io::Error) -> DiagnoseError {
    DiagnoseError::Scratch {
        dir: dir.display().to_string(),
        source,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn a_private_folder_is_trusted_and_others_are_not() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("mine");
        make_private(&dir).unwrap();
        assert_eq!(std::fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
        make_private(&dir).unwrap();

        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o775)).unwrap();
        let why = unsafe_because(&dir).unwrap().unwrap();
        assert!(why.contains("writable by other users (mode 775)"), "{why}");

        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert_eq!(
            unsafe_because(&link).unwrap().as_deref(),
            Some("is a symbolic link")
        );
    }
}
