//! The runner's own folder inside cargo's target dir: what it records about
//! builds (see `freshness`) and the folders checked programs run in. Being
//! in the target dir, `cargo clean` clears it with the builds it describes.

use std::path::{Path, PathBuf};

/// `<target>/asynclings/<package>-<key>`, where the key tells workspaces
/// apart: several courses (the tests' copies) may share one target dir and
/// have packages and bins of the same names.
pub fn for_package(workspace: &Path, package: &str) -> PathBuf {
    let workspace = std::path::absolute(workspace).unwrap_or_else(|_| workspace.to_path_buf());
    let key = crate::originals::checksum(&workspace.to_string_lossy());
    target_dir(&workspace)
        .join("asynclings")
        .join(format!("{package}-{key}"))
}

/// Where cargo builds the workspace, in the cases the runner meets: the
/// environment, the workspace's own `.cargo/config.toml` (the scratch
/// packages of `diagnose` have one), or `target`. A wrong guess would only
/// move the runner's records, never mislead a check.
pub(crate) fn target_dir(workspace: &Path) -> PathBuf {
    for variable in ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"] {
        if let Some(dir) = std::env::var_os(variable).filter(|d| !d.is_empty()) {
            return std::path::absolute(PathBuf::from(&dir)).unwrap_or_else(|_| dir.into());
        }
    }
    let configured = std::fs::read_to_string(workspace.join(".cargo").join("config.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|config| {
            config
                .get("build")?
                .get("target-dir")?
                .as_str()
                .map(PathBuf::from)
        });
    match configured {
        Some(dir) => workspace.join(dir),
        None => workspace.join("target"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workspace_config_names_the_target_dir() {
        let workspace = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::create_dir(workspace.path().join(".cargo")).unwrap();
        std::fs::write(
            workspace.path().join(".cargo/config.toml"),
            format!(
                "[build]\ntarget-dir = {:?}\n",
                elsewhere.path().to_str().unwrap()
            ),
        )
        .unwrap();
        if std::env::var_os("CARGO_TARGET_DIR").is_none()
            && std::env::var_os("CARGO_BUILD_TARGET_DIR").is_none()
        {
            assert_eq!(target_dir(workspace.path()), elsewhere.path());
        }
        let a = for_package(workspace.path(), "exercises");
        let b = for_package(elsewhere.path(), "exercises");
        assert_ne!(a, b, "two workspaces, two folders");
        let name = a.file_name().unwrap().to_string_lossy();
        assert!(name.starts_with("exercises-"), "{}", a.display());
        assert!(a.parent().unwrap().ends_with("asynclings"));
    }
}
