//! [`Imports`]: what the file's `use` declarations make each name stand for.

use std::collections::HashMap;

use syn::UseTree;

use super::syntax::path_string;

#[derive(Debug, Default)]
pub(super) struct Imports {
    /// `sleep` -> `tokio::time::sleep`, `fs` -> `std::fs`, ...
    pub(super) names: HashMap<String, String>,
    globs: Vec<String>,
}

impl Imports {
    pub(super) fn add(&mut self, prefix: &str, tree: &UseTree) {
        let join = |a: &str, b: &str| {
            if a.is_empty() {
                b.to_string()
            } else {
                format!("{a}::{b}")
            }
        };
        match tree {
            UseTree::Path(p) => self.add(&join(prefix, &p.ident.to_string()), &p.tree),
            UseTree::Name(n) if n.ident == "self" => {
                let last = prefix.rsplit("::").next().unwrap_or(prefix).to_string();
                self.names.insert(last, prefix.to_string());
            }
            UseTree::Name(n) => {
                self.names
                    .insert(n.ident.to_string(), join(prefix, &n.ident.to_string()));
            }
            UseTree::Rename(r) => {
                self.names
                    .insert(r.rename.to_string(), join(prefix, &r.ident.to_string()));
            }
            UseTree::Glob(_) => self.globs.push(prefix.to_string()),
            UseTree::Group(g) => g.items.iter().for_each(|t| self.add(prefix, t)),
        }
    }

    /// The full path a path in the source stands for, as far as the file's
    /// `use`s tell. `::std::x` and `std::x` are the same.
    pub(super) fn resolve(&self, path: &syn::Path) -> String {
        let text = path_string(path);
        let mut parts = text.splitn(2, "::");
        let first = parts.next().unwrap_or("");
        let rest = parts.next();
        let base = match self.names.get(first) {
            Some(full) => full.clone(),
            None if path.segments.len() == 1 => {
                match self
                    .globs
                    .iter()
                    .find(|g| GLOB_KNOWN.iter().any(|(m, n)| g == m && *n == first))
                {
                    Some(g) => format!("{g}::{first}"),
                    None => first.to_string(),
                }
            }
            None => match first {
                "thread" | "fs" | "net" | "process" => format!("std::{first}"),
                _ => first.to_string(),
            },
        };
        match rest {
            Some(rest) => format!("{base}::{rest}"),
            None => base,
        }
    }
}

/// Names that glob imports of these modules are known to bring in.
const GLOB_KNOWN: &[(&str, &str)] = &[
    ("tokio::time", "sleep"),
    ("tokio::time", "timeout"),
    ("tokio::time", "interval"),
    ("std::thread", "sleep"),
    ("std::thread", "spawn"),
    ("tokio::task", "spawn"),
    ("tokio::task", "spawn_blocking"),
    ("futures::executor", "block_on"),
    ("tokio::sync::mpsc", "channel"),
    ("tokio::sync::mpsc", "unbounded_channel"),
    ("std::sync::mpsc", "channel"),
];

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{ids, top};

    #[test]
    fn imported_sleep_is_resolved() {
        let bad = "use std::thread::sleep;\nasync fn tick() { sleep(std::time::Duration::from_secs(1)); }";
        assert_eq!(top(bad), Some(MistakeId::BlockingInAsync));
        let fine = "use tokio::time::sleep;\nasync fn tick() { sleep(std::time::Duration::from_secs(1)).await; }";
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }
}
