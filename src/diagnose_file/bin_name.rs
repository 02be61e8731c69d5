//! The name of the scratch package's `[[bin]]`, made from the file's name.
//!
//! It must be a crate name rustc accepts (letters, digits and `_`, not
//! starting with a digit), and not one of the folders cargo keeps next to
//! the programs it builds in `target/debug/`: cargo refuses those.

use std::path::Path;

/// The folders of `target/debug/` that cargo refuses as bin names.
const CARGO_FOLDERS: &[&str] = &["build", "deps", "examples", "incremental"];

/// A bin name cargo accepts, from the file's stem: `my-prog.rs` is
/// `my_prog`, `1st.rs` is `program_1st`, `build.rs` is `program_build`.
pub fn bin_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty()
        || name.starts_with(|c: char| c.is_ascii_digit())
        || CARGO_FOLDERS.contains(&name.as_str())
    {
        name.insert_str(0, "program_");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bin_names_are_cargo_safe() {
        assert_eq!(bin_name(Path::new("/x/my-prog.rs")), "my_prog");
        assert_eq!(bin_name(Path::new("2fast.rs")), "program_2fast");
        assert_eq!(bin_name(Path::new("café.rs")), "caf_");
        for folder in CARGO_FOLDERS {
            let name = bin_name(Path::new(&format!("/x/{folder}.rs")));
            assert_eq!(name, format!("program_{folder}"));
        }
        assert_eq!(bin_name(Path::new("builder.rs")), "builder");
    }
}
