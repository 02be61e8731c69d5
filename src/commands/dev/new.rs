//! `asynclings dev new DIR`: a minimal course pack of one's own (one
//! example exercise), which passes the gate as written (see
//! `crate::scaffold`).

use std::path::Path;

use crate::commands::init::shell_word;
use crate::commands::Result;
use crate::scaffold::{self, PACK_EXAMPLE};

pub fn new(dir: &Path) -> Result<bool> {
    scaffold::write_pack(dir)?;
    let shown = dir.display();
    println!(
        "Wrote a course pack to {shown}: one example exercise ({PACK_EXAMPLE}), its solution, \
         info.toml, and the support crates the exercises build against."
    );
    println!();
    println!(
        "Next: asynclings --course {} dev check (the gate; its first run builds tokio), then \
         read {shown}/README.md to write your own exercises.",
        shell_word(dir)
    );
    Ok(true)
}
