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

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=info.toml");
    println!("cargo:rerun-if-changed=exercises/.checksums");

    let checksums = std::fs::read_to_string("exercises/.checksums").unwrap_or_default();
    let shipped: HashMap<&str, &str> = checksums
        .lines()
        .filter_map(|line| line.split_once("  "))
        .map(|(sum, path)| (path, sum))
        .collect();

    let mut code = String::from("pub static ORIGINALS: &[(&str, &str)] = &[\n");
    let mut paths: Vec<&&str> = shipped.keys().collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(Path::new(path)) else {
            continue;
        };
        if format!("{:016x}", fnv1a(text.as_bytes())) == shipped[*path] {
            writeln!(code, "    ({path:?}, {text:?}),").unwrap();
        }
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("originals.rs");
    std::fs::write(out, code).unwrap();
}

// Keep in step with src/originals.rs.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
