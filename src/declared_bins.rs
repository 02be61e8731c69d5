//! The `[[bin]]` entries a package's Cargo.toml declares, each with where
//! it is written: read here for both the course loader (which refuses an
//! exercise cargo would build from another file) and the gate (which lists
//! every difference from info.toml).

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

/// One `[[bin]]` as the manifest writes it.
#[derive(Deserialize)]
pub struct DeclaredBin {
    pub name: String,
    /// Its source, relative to the package; cargo has a default, the
    /// course never relies on it.
    pub path: Option<String>,
}

impl DeclaredBin {
    /// Is this bin built from `file` (relative to the package)? `./a.rs`
    /// and `a.rs` are the same file.
    pub fn builds_from(&self, file: &Path) -> bool {
        self.path
            .as_deref()
            .is_some_and(|path| without_dots(Path::new(path)) == without_dots(file))
    }
}

// The [[bin]]s; the rest of the manifest is cargo's business.
#[derive(Deserialize)]
struct Manifest {
    #[serde(default)]
    bin: Vec<Spanned<DeclaredBin>>,
}

/// The `[[bin]]`s of the manifest `text`, each with its span in `text`.
pub fn parse(text: &str) -> Result<Vec<Spanned<DeclaredBin>>, toml::de::Error> {
    toml::from_str::<Manifest>(text).map(|manifest| manifest.bin)
}

/// A path without its `.` components.
fn without_dots(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| *c != Component::CurDir)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_are_read_with_their_place_and_compared_without_dots() {
        let text = "[package]\nname = \"exercises\"\n\n[[bin]]\nname = \"a\"\npath = \"./one/a.rs\"\n\n[[bin]]\nname = \"b\"\n";
        let bins = parse(text).unwrap();
        assert_eq!(bins.len(), 2);
        let (a, b) = (&bins[0], &bins[1]);
        assert_eq!(a.get_ref().name, "a");
        // Its span is its whole entry, from the header on.
        assert_eq!(
            &text[a.span()],
            "[[bin]]\nname = \"a\"\npath = \"./one/a.rs\""
        );
        assert!(a.get_ref().builds_from(Path::new("one/a.rs")));
        assert!(!a.get_ref().builds_from(Path::new("two/a.rs")));
        assert!(
            !b.get_ref().builds_from(Path::new("b.rs")),
            "no path, no file"
        );
        assert!(parse("[package]\nname = \"none\"\n").unwrap().is_empty());
    }
}
