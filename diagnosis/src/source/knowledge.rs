//! [`Knowledge`]: what the whole file says, gathered before the main walk, and the API lists.

use std::collections::{HashMap, HashSet};

use syn::visit::Visit;
use syn::Expr;

use super::finders::cost;
use super::finders::field_uses::FieldUses;
use super::finders::mentions::mentions_expr;
use super::gatherer::Gatherer;
use super::imports::Imports;
use super::syntax::{channel_end, ident_of, peel, ChannelEnd};

/// One function of the file.
pub(super) struct FnInfo {
    pub(super) is_async: bool,
    /// Returns `impl Future`, a boxed future or a `BoxFuture`.
    pub(super) returns_future: bool,
    pub(super) waits: bool,
    /// Cancel-unsafe when raced: more than one `.await`, or a partial read.
    pub(super) cancel_unsafe: bool,
    /// Contains a loop that drains a receiver.
    pub(super) drains: bool,
}

#[derive(Default)]
pub(super) struct Knowledge {
    pub(super) imports: Imports,
    pub(super) fns: HashMap<String, Vec<FnInfo>>,
    pub(super) consts: HashMap<String, u128>,
    pub(super) std_receivers: HashSet<String>,
    pub(super) handle_names: HashSet<String>,
    pub(super) handle_collections: HashSet<String>,
    pub(super) spawned_fns: HashSet<String>,
    pub(super) uses_thread_spawn: bool,
    pub(super) has_tokio_runtime: bool,
    /// Roughly how long a call of each local fn waits (see `finders/cost.rs`).
    pub(super) fn_costs: HashMap<String, u64>,
    /// The lines of the program's tests (a `#[cfg(test)]` module, a test
    /// fn), first and last, inclusive.
    pub(super) test_lines: Vec<(usize, usize)>,
    /// `async fn main` with no runtime attribute: that is where the runtime
    /// is missing, not in the async code that main drives.
    pub(super) async_main_without_runtime: bool,
    pub(super) tasks_can_panic: bool,
    pub(super) wake_called: bool,
    /// `Notify::notify_waiters` is called somewhere: it wakes only the
    /// tasks already waiting, and leaves no permit for a later `notified()`.
    pub(super) notify_waiters_called: bool,
    /// A `block_on(..)` function is called (`futures::executor::block_on`):
    /// an executor, if not tokio's runtime.
    pub(super) calls_block_on: bool,
    pub(super) notify_called: bool,
    pub(super) add_permits_called: bool,
    /// A `Semaphore` or `buffer_unordered` limits how many run at once.
    pub(super) limits_concurrency: bool,
    /// The file has a `fn main` or a test: it is a program, not a fragment.
    pub(super) has_entry: bool,
    /// How many times each fn calls itself.
    pub(super) self_calls: HashMap<String, usize>,
    /// `let b = a.clone()`, `let b = Arc::clone(&a)`, `let b = &a`: per
    /// function, the place each such name stands for (`None` when a name
    /// stands for two different places in one function).
    pub(super) aliases: HashMap<(Option<String>, String), Option<String>>,
    /// Channel senders (and their clones), with the names of their receivers.
    pub(super) senders: HashMap<String, Vec<String>>,
    /// Every single name the code mentions as a path (not patterns).
    pub(super) mentioned: HashSet<String>,
    /// Fns that measure how long they take (`Instant::now()` and
    /// `.elapsed()`), and the local fns they call: where the time of the
    /// waits is the point.
    pub(super) timed_fns: HashSet<String>,
    /// Structs that keep both ends of a channel: struct name -> (its
    /// `Sender` fields, its `Receiver` fields).
    pub(super) channel_structs: HashMap<String, (Vec<String>, Vec<String>)>,
    /// Struct fields that hold task handles or futures, and their uses.
    pub(super) fields: FieldUses,
}

/// Method names that std, tokio or futures types have: a local async fn
/// of the same name does not tell what a call on another receiver is.
const COMMON_METHODS: &[&str] = &[
    "get", "get_mut", "insert", "remove", "push", "pop", "extend", "len", "is_empty", "iter",
    "map", "then", "and_then", "send", "try_send", "recv", "try_recv", "lock", "read", "write",
    "flush", "next", "call", "run", "close", "clear", "contains", "take", "wait", "poll", "join",
    "spawn", "load", "store", "update", "set", "clone", "from", "into", "parse", "new",
];

pub(super) const CANCEL_UNSAFE_METHODS: &[&str] = &[
    "read_exact",
    "read_to_end",
    "read_to_string",
    "read_line",
    "read_until",
    "write_all",
    "write_all_buf",
    "copy",
];

impl Knowledge {
    pub(super) fn gather(file: &syn::File) -> Knowledge {
        let mut k = Knowledge::default();
        let mut g = Gatherer {
            k: &mut k,
            current_fn: None,
            spawn_args: Vec::new(),
            awaits_in: HashMap::new(),
            panicky: HashSet::new(),
            current_impl: None,
        };
        g.visit_file(file);
        let spawn_args = std::mem::take(&mut g.spawn_args);
        let awaits_in = std::mem::take(&mut g.awaits_in);
        let panicky = std::mem::take(&mut g.panicky);
        if spawn_args.iter().any(|f| panicky.contains(f)) {
            k.tasks_can_panic = true;
        }
        channel_structs(&file.items, &mut k.channel_structs);
        k.fields = FieldUses::of(file);
        k.fn_costs = cost::fn_costs(file, &k.consts);
        // Futures that run as spawned tasks must be `Send`, and so must every
        // local async fn they await.
        for name in spawn_args {
            k.spawned_fns.insert(name);
        }
        loop {
            let before = k.timed_fns.len();
            let more: Vec<String> = k
                .timed_fns
                .iter()
                .flat_map(|f| awaits_in.get(f).cloned().unwrap_or_default())
                .filter(|f| k.fns.contains_key(f))
                .collect();
            k.timed_fns.extend(more);
            if k.timed_fns.len() == before {
                break;
            }
        }
        loop {
            let before = k.spawned_fns.len();
            let more: Vec<String> = k
                .spawned_fns
                .iter()
                .flat_map(|f| awaits_in.get(f).cloned().unwrap_or_default())
                .collect();
            k.spawned_fns.extend(more);
            if k.spawned_fns.len() == before {
                break;
            }
        }
        k
    }

    /// Is this line inside the program's tests?
    pub(super) fn in_tests(&self, line: usize) -> bool {
        self.test_lines
            .iter()
            .any(|&(first, last)| first <= line && line <= last)
    }

    pub(super) fn fn_is(&self, name: &str, pred: impl Fn(&FnInfo) -> bool) -> bool {
        self.fns
            .get(name)
            .is_some_and(|v| !v.is_empty() && v.iter().all(pred))
    }

    pub(super) fn is_async_fn(&self, name: &str) -> bool {
        self.fn_is(name, |f| f.is_async || f.returns_future)
    }

    /// `bus.publish(..)` on any receiver, where every fn of the file with
    /// that name is async and the name is not a method that std or tokio
    /// types have too (`get`, `send`, ...): the call makes a future.
    pub(super) fn is_local_async_method_call(&self, e: &Expr) -> bool {
        let Expr::MethodCall(m) = peel(e) else {
            return false;
        };
        let name = m.method.to_string();
        self.fns
            .get(&name)
            .is_some_and(|defs| defs.iter().all(|f| f.is_async || f.returns_future))
            && !COMMON_METHODS.contains(&name.as_str())
    }

    /// The place a name (or a field path starting with one) stands for in
    /// function `f`, through its aliases: `s1` -> `savings` after
    /// `let s1 = savings.clone()`.
    pub(super) fn resolve_place(&self, f: &Option<String>, place: &str) -> String {
        let mut place = place.to_string();
        for _ in 0..8 {
            let (base, rest) = match place.split_once('.') {
                Some((b, r)) => (b.to_string(), format!(".{r}")),
                None => (place.clone(), String::new()),
            };
            match self.aliases.get(&(f.clone(), base.clone())) {
                Some(Some(to)) if *to != base => place = format!("{to}{rest}"),
                _ => break,
            }
        }
        place
    }

    /// Does this spawned future hand its work over a channel that somebody
    /// listens to? Then the channel, not the `JoinHandle`, tells when the
    /// work is done (the receiver sees the end when the task's sender drops).
    pub(super) fn reports_through_channel(&self, e: &Expr) -> bool {
        let m = mentions_expr(e);
        m.idents.iter().any(|i| {
            self.senders
                .get(i)
                .is_some_and(|rxs| rxs.iter().any(|rx| self.mentioned.contains(rx)))
        })
    }

    pub(super) fn resolve_call(&self, c: &syn::ExprCall) -> Option<String> {
        match peel(&c.func) {
            Expr::Path(p) => Some(self.imports.resolve(&p.path)),
            _ => None,
        }
    }

    /// A call of a local async fn, or of a known async API, not awaited.
    pub(super) fn is_future_expr(&self, e: &Expr) -> bool {
        match peel(e) {
            Expr::Async(_) => true,
            Expr::Closure(c) => c.asyncness.is_some(),
            Expr::Call(c) => {
                let Some(path) = self.resolve_call(c) else {
                    return false;
                };
                let last = path.rsplit("::").next().unwrap_or("");
                if self.fns.contains_key(last)
                    && (path == last || path.starts_with("Self::") || path.starts_with("self::"))
                {
                    return self.is_async_fn(last);
                }
                ASYNC_APIS
                    .iter()
                    .any(|api| path == *api || (api.ends_with("::") && path.starts_with(api)))
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                // tokio's `tick()`, `notified()`... take no argument, and a
                // plain method of the program's own by that name is its own.
                let tokios = ASYNC_METHODS.contains(&name.as_str())
                    && m.args.is_empty()
                    && !self.fn_is(&name, |f| !f.is_async && !f.returns_future);
                (self.fns.contains_key(&name)
                    && self.is_async_fn(&name)
                    && ident_of(&m.receiver).as_deref() == Some("self"))
                    || tokios
            }
            _ => false,
        }
    }

    fn is_spawn_path(path: &str) -> bool {
        matches!(
            path,
            "tokio::spawn"
                | "tokio::task::spawn"
                | "task::spawn"
                | "tokio::task::spawn_local"
                | "task::spawn_local"
        )
    }

    /// `tokio::spawn(..)` (also through `use`), `spawn_blocking`, and
    /// `rt.spawn(..)` / `handle.spawn(..)`.
    pub(super) fn is_spawn_expr(&self, e: &Expr) -> bool {
        match peel(e) {
            Expr::Call(c) => self.resolve_call(c).is_some_and(|p| {
                Self::is_spawn_path(&p)
                    || p == "tokio::task::spawn_blocking"
                    || p == "task::spawn_blocking"
            }),
            Expr::MethodCall(m) => {
                m.method == "spawn"
                    && !self.fns.contains_key("spawn")
                    && m.args.len() == 1
                    && !matches!(peel(&m.args[0]), Expr::Closure(_))
            }
            _ => false,
        }
    }
}

impl Knowledge {
    pub(super) fn is_spawn_expr_path(&self, path: &str) -> bool {
        let resolved = match self
            .imports
            .names
            .get(path.split("::").next().unwrap_or(""))
        {
            Some(full) if !path.contains("::") => full.clone(),
            _ => path.to_string(),
        };
        // A bare `spawn` that no `use` brings from tokio is the program's
        // own (a hand-written executor), not tokio's.
        Knowledge::is_spawn_path(&resolved) || resolved.ends_with("task::spawn_blocking")
    }
}

/// Free functions that return a future to be awaited.
const ASYNC_APIS: &[&str] = &[
    "tokio::time::sleep",
    "tokio::time::sleep_until",
    "tokio::time::timeout",
    "tokio::task::yield_now",
    "tokio::fs::",
    "tokio::signal::ctrl_c",
    "tokio::io::copy",
    "futures::future::join_all",
    "futures::future::try_join_all",
    "futures::future::join",
    "future::join_all",
    "future::try_join_all",
    "join_all",
    "try_join_all",
];

/// Methods that exist only as async ones in tokio and futures.
const ASYNC_METHODS: &[&str] = &[
    "tick",
    "notified",
    "acquire",
    "acquire_owned",
    "join_next",
    "changed",
    "readable",
    "writable",
];

/// Which structs hold a channel's `Sender` and its `Receiver` side by side
/// (mpsc, unbounded or broadcast; not a oneshot or a watch, and not a sender
/// in an `Option`, which can be taken out).
fn channel_structs(items: &[syn::Item], out: &mut HashMap<String, (Vec<String>, Vec<String>)>) {
    for item in items {
        match item {
            syn::Item::Struct(st) => {
                let (mut txs, mut rxs) = (Vec::new(), Vec::new());
                for f in &st.fields {
                    let Some(name) = &f.ident else { continue };
                    match channel_end(&f.ty) {
                        Some(ChannelEnd::Sender) => txs.push(name.to_string()),
                        Some(ChannelEnd::Receiver) => rxs.push(name.to_string()),
                        None => {}
                    }
                }
                if !txs.is_empty() && !rxs.is_empty() {
                    out.insert(st.ident.to_string(), (txs, rxs));
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    channel_structs(inner, out);
                }
            }
            _ => {}
        }
    }
}
