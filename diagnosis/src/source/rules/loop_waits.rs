//! sequential-awaits in a loop: does each round await independent work on its item?

use std::collections::HashSet;

use syn::spanned::Spanned;
use syn::{Block, Expr, Pat};

use crate::source::finders::loop_shape::LoopShape;
use crate::source::finders::mentions::mentions_expr;
use crate::source::syntax::{pat_idents, peel, pos};
use crate::source::walker::Walker;

impl Walker<'_> {
    /// Where a loop body awaits work on its item, when nothing carries from
    /// one round to the next: no `break`/`return` on a result, no value
    /// that one round computes and the next one passes on, no channel, lock
    /// or ticker that makes the rounds take turns on purpose.
    pub(super) fn loop_of_independent_waits(
        &self,
        pat: &Pat,
        body: &Block,
    ) -> Option<(usize, usize)> {
        let mut item = Vec::new();
        pat_idents(pat, &mut item);
        let shape = LoopShape::of(body);
        if shape.exits || shape.awaits.is_empty() {
            return None;
        }
        // Values assigned in a round and declared outside the loop.
        let carried: HashSet<&String> = shape
            .assigned
            .iter()
            .filter(|n| !shape.declared.contains(*n) && !item.contains(n))
            .collect();
        let mut work = Vec::new();
        for base in &shape.awaits {
            match self.await_kind(base) {
                AwaitKind::Turns => return None,
                AwaitKind::Pause => {
                    // A pause of a fixed length paces the rounds; one that
                    // depends on the item stands for the item's work.
                    let m = mentions_expr(base);
                    if item.iter().any(|i| m.idents.contains(i)) {
                        work.push(base);
                    } else if shape.awaits.len() > 1 {
                        return None;
                    }
                }
                AwaitKind::Work => work.push(base),
                AwaitKind::Other => {
                    // An API we do not know, asked about this item.
                    let m = mentions_expr(base);
                    if item.iter().any(|i| m.idents.contains(i)) {
                        work.push(base);
                    }
                }
            }
        }
        let mut on_item = false;
        for base in &work {
            let m = mentions_expr(base);
            if m.idents.iter().any(|i| carried.contains(i)) || takes_mut_ref(base) {
                return None; // the rounds pass something on, or share one `&mut`
            }
            on_item |= item.iter().any(|i| m.idents.contains(i));
        }
        let first = work.first()?;
        (on_item || shape.awaits.len() == 1).then(|| pos(first.span()))
    }

    /// What an awaited expression is, for the loop rule.
    fn await_kind(&self, base: &Expr) -> AwaitKind {
        match peel(base) {
            Expr::Call(c) => {
                let Some(path) = self.know.resolve_call(c) else {
                    return AwaitKind::Other;
                };
                let last = path.rsplit("::").next().unwrap_or("");
                if path.ends_with("time::sleep") || path.ends_with("time::sleep_until") {
                    return AwaitKind::Pause;
                }
                if last == "yield_now" {
                    return AwaitKind::Turns;
                }
                if last == "timeout" {
                    return c
                        .args
                        .iter()
                        .nth(1)
                        .map_or(AwaitKind::Other, |f| self.await_kind(f));
                }
                let local = self.know.fns.contains_key(last)
                    && self
                        .know
                        .fn_is(last, |f| f.waits && (f.is_async || f.returns_future));
                if local || WORK_APIS.iter().any(|api| path.starts_with(api)) {
                    AwaitKind::Work
                } else {
                    AwaitKind::Other
                }
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                // A channel's send carries the item; a request's send does not.
                let sends = name.starts_with("send") && !m.args.is_empty();
                if sends || TURN_METHODS.contains(&name.as_str()) {
                    AwaitKind::Turns
                } else if self
                    .know
                    .fn_is(&name, |f| f.waits && (f.is_async || f.returns_future))
                {
                    AwaitKind::Work
                } else {
                    AwaitKind::Other
                }
            }
            // `handle.await`: joining what was started before.
            _ => AwaitKind::Turns,
        }
    }
}

/// Awaits in a loop body, for the sequential-awaits loop rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum AwaitKind {
    /// Work on something: a local async fn that waits, a known I/O call.
    Work,
    /// A sleep: pacing, or a stand-in for work.
    Pause,
    /// A channel, a lock, a ticker, a join: rounds take turns on purpose.
    Turns,
    /// Anything else.
    Other,
}

/// Async APIs that do a piece of independent work.
const WORK_APIS: &[&str] = &[
    "tokio::fs::",
    "tokio::net::lookup_host",
    "tokio::net::TcpStream::connect",
    "reqwest::get",
    "tokio::process::",
];

/// Awaited methods that make the rounds of a loop take turns on purpose.
const TURN_METHODS: &[&str] = &[
    "recv",
    "recv_many",
    "next",
    "try_next",
    "lock",
    "write",
    "read",
    "acquire",
    "acquire_owned",
    "tick",
    "notified",
    "changed",
    "join_next",
    "readable",
    "writable",
    "reserve",
    "flush",
    "write_all",
    "read_exact",
    "read_line",
    "accept",
    "wait",
];

/// Passes a `&mut` (one connection, one buffer shared by every round).
fn takes_mut_ref(e: &Expr) -> bool {
    let args: Vec<&Expr> = match peel(e) {
        Expr::Call(c) => c.args.iter().collect(),
        Expr::MethodCall(m) => m.args.iter().collect(),
        _ => return false,
    };
    args.iter()
        .any(|a| matches!(peel(a), Expr::Reference(r) if r.mutability.is_some()))
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::confidence;

    #[test]
    fn a_loop_awaiting_each_independent_item() {
        let seq = |src: &str| confidence(src, MistakeId::SequentialAwaits);
        let for_loop = r#"
            async fn fetch(url: &str) -> usize { tokio::time::sleep(std::time::Duration::from_millis(5)).await; url.len() }
            async fn all(urls: Vec<String>) -> usize {
                let mut total = 0;
                for url in &urls {
                    total += fetch(url).await;
                }
                total
            }
        "#;
        assert!(seq(for_loop) > 0.0);
        let while_let = r#"
            async fn fetch(url: &str) -> usize { tokio::time::sleep(std::time::Duration::from_millis(5)).await; url.len() }
            async fn all(urls: Vec<String>) -> Vec<usize> {
                let mut out = Vec::new();
                let mut it = urls.iter();
                while let Some(u) = it.next() {
                    let n = fetch(u).await;
                    out.push(n);
                }
                out
            }
        "#;
        assert!(seq(while_let) > 0.0);
        // Each round feeds the next: the order is the point.
        let chained = r#"
            async fn step(state: u64, x: u64) -> u64 { tokio::time::sleep(std::time::Duration::from_millis(5)).await; state + x }
            async fn fold(xs: Vec<u64>) -> u64 {
                let mut state = 0;
                for x in xs {
                    state = step(state, x).await;
                }
                state
            }
        "#;
        assert_eq!(seq(chained), 0.0);
        // A producer that paces itself and sends each item: turns on purpose.
        let producer = r#"
            async fn cook(d: &str) -> String { tokio::time::sleep(std::time::Duration::from_millis(5)).await; d.to_string() }
            async fn kitchen(tx: tokio::sync::mpsc::Sender<String>) {
                for dish in ["soup", "cake"] {
                    let plate = cook(dish).await;
                    tx.send(plate).await.unwrap();
                }
            }
        "#;
        assert_eq!(seq(producer), 0.0);
        // Retries stop at the first success; joining handles is no mistake.
        let retry = r#"
            async fn connect(n: u32) -> Result<(), ()> { tokio::time::sleep(std::time::Duration::from_millis(5)).await; Err(()) }
            async fn dial() {
                for attempt in 0..3 {
                    if connect(attempt).await.is_ok() { break; }
                }
            }
            async fn wait_all(handles: Vec<tokio::task::JoinHandle<()>>) {
                for h in handles { h.await.unwrap(); }
            }
        "#;
        assert_eq!(seq(retry), 0.0);
        // A work list that the rounds refill.
        let crawl = r#"
            async fn links(page: u32) -> Vec<u32> { tokio::time::sleep(std::time::Duration::from_millis(5)).await; vec![page + 1] }
            async fn crawl(mut todo: Vec<u32>) {
                while let Some(page) = todo.pop() {
                    let more = links(page).await;
                    todo.extend(more);
                }
            }
        "#;
        assert_eq!(seq(crawl), 0.0);
    }
}
