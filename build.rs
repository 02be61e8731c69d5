//! Embeds the shipped text of every exercise into the runner, so that
//! `asynclings reset` works without git.
//!
//! Two guards keep a learner's edits from ever becoming the "original":
//! - the texts are written into the generated file as literals (not
//!   `include_str!`), so editing an exercise does not rebuild the runner;
//!   the build script itself reruns only when info.toml or the checksum
//!   list changes (a course update);
//! - a text is embedded only when it matches its checksum in
//!   exercises/.checksums (written by the maintainers with
//!   `asynclings dev checksums`), so a runner first built after the learner
//!   edited a file knows it has no original for that one and says so.
//!
//! It also embeds the rest of the course (solutions, support crates,
//! manifests, lessons) and the templates of a new course pack, for
//! `asynclings init` and `asynclings dev new` (see `embed_scaffold`); the
//! script reruns when one of those changes too, never on an exercise's save.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/checksum.rs");
    println!("cargo:rerun-if-changed=info.toml");
    println!("cargo:rerun-if-changed=exercises/.checksums");

    let checksums = std::fs::read_to_string("exercises/.checksums").unwrap_or_default();
    let shipped: HashMap<&str, &str> = checksum::checksum_lines(&checksums)
        .map(|(sum, path, _)| (path, sum))
        .collect();

    let mut code = String::from("pub static ORIGINALS: &[(&str, &str)] = &[\n");
    let mut paths: Vec<&&str> = shipped.keys().collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(Path::new(path)) else {
            continue;
        };
        if checksum::checksum(&text) == shipped[*path] {
            writeln!(code, "    ({path:?}, {text:?}),").unwrap();
        }
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("originals.rs");
    std::fs::write(out, code).unwrap();

    embed_scaffold();
}

/// The texts `asynclings init` and `asynclings dev new` write (see
/// src/scaffold/mod.rs): the course's files other than the exercises'
/// sources (those are the checksummed originals above, so a learner's edits
/// never become what `init` hands out), the runner's manifest (the course's
/// workspace manifest is made from it), and the templates of a new pack.
/// Folders are walked, so a new exercise, solution or support file is
/// embedded with no list to keep in step.
fn embed_scaffold() {
    let mut course: Vec<(String, String)> = Vec::new();
    for file in ["info.toml", "Cargo.lock", ".gitignore"] {
        course.push(embed(Path::new(file)));
    }
    // The exercises' sources are the originals; their folder's other files
    // (the manifest, the checksums, each phase's lesson) are embedded here,
    // each watched on its own: watching the folder would rebuild the runner
    // on every save of an exercise.
    for path in walk(Path::new("exercises")) {
        if path.extension().is_some_and(|ext| ext == "rs") {
            continue;
        }
        course.push(embed(&path));
    }
    for folder in ["solutions", "support"] {
        println!("cargo:rerun-if-changed={folder}");
        course.extend(walk(Path::new(folder)).iter().map(|p| embed(p)));
    }
    let templates = Path::new("src/scaffold/templates");
    println!("cargo:rerun-if-changed={}", templates.display());
    let templates: Vec<(String, String)> = walk(templates)
        .iter()
        .map(|path| {
            let (_, text) = embed(path);
            let name = path.strip_prefix(templates).unwrap();
            (slashed(name), text)
        })
        .collect();
    let (_, manifest) = embed(Path::new("Cargo.toml"));

    let mut code = String::new();
    writeln!(code, "pub static RUNNER_MANIFEST: &str = {manifest:?};").unwrap();
    for (name, files) in [("COURSE_FILES", &course), ("TEMPLATES", &templates)] {
        writeln!(code, "pub static {name}: &[(&str, &str)] = &[").unwrap();
        for (path, text) in files {
            writeln!(code, "    ({path:?}, {text:?}),").unwrap();
        }
        code.push_str("];\n");
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("scaffold.rs");
    std::fs::write(out, code).unwrap();
}

/// A file's path (with `/` between folders) and its text, watched.
fn embed(path: &Path) -> (String, String) {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot embed {} for `asynclings init` ({e}): the course's files must be UTF-8 text.",
            path.display()
        )
    });
    (slashed(path), text)
}

/// Every file under `dir`, in a stable order, leaving out build output
/// (`target`) and hidden files other than the checksums.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy();
        if name == "target" || (name.starts_with('.') && name != ".checksums") {
            continue;
        }
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

// The runner's own checksum (src/originals.rs uses the same file).
#[path = "src/checksum.rs"]
#[allow(dead_code)] // `checksum_bytes` is for the runner
mod checksum;
