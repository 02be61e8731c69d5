//! `asynclings init [DIR]`: the course written into a new folder from the
//! texts built into the runner, so that `cargo install` alone gives a
//! learner the course (see `crate::scaffold`).

use std::path::Path;

use super::Result;
use crate::scaffold;

pub fn init(dir: &Path, with_solutions: bool) -> Result<bool> {
    let written = scaffold::write_course(dir, with_solutions)?;
    let solutions = if with_solutions {
        "with their reference solutions"
    } else {
        "without their solutions (`--with-solutions` writes those too)"
    };
    println!(
        "Wrote the asynclings course to {}: {} exercises, {solutions}.",
        dir.display(),
        written.course.exercises.len()
    );
    println!();
    if dir.components().all(|c| c == std::path::Component::CurDir) {
        println!("Next: asynclings");
    } else {
        println!("Next: cd {} && asynclings", shell_word(dir));
    }
    Ok(true)
}

/// `dir` as it can be typed into a shell: quoted when it has to be.
pub fn shell_word(dir: &Path) -> String {
    let text = dir.display().to_string();
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
