//! Checked at every call (and at every fn's attributes): blocking-in-async,
//! nested-runtime, missing-runtime, and the cpu-hog of a heavy recursion or
//! of `std::thread::yield_now()`.

use syn::spanned::Spanned;

use super::{FnItem, Loop, LoopKind, Rule};
use crate::catalogue::{MistakeId, Routes};
use crate::source::finders::cost;
use crate::source::syntax::{ident_of, int_value, peel, pos};
use crate::source::walker::{Ctx, Event, NodeId, Walker};

/// `std::thread::sleep` stops the thread, whatever it waits for.
const THREAD_SLEEP: f32 = 0.9;
/// A sleep in async code is a wait: its async version is the fix (a pool
/// thread kept asleep by `spawn_blocking` only moves the waste elsewhere).
const WAIT_ASYNC: Routes = Routes::new(MistakeId::BlockingInAsync, &["async-version"]);
/// Blocking file or network I/O: usually short, still a stall.
const BLOCKING_IO: f32 = 0.65;
const STDIN: f32 = 0.6;
const BLOCKING_HTTP: f32 = 0.8;
const STD_RECV: f32 = 0.8;
/// `std::process::Command::new(..).output()`: waits for the child process.
const STD_PROCESS: f32 = 0.8;
const THREAD_JOIN: f32 = 0.75;
/// ... as the last thing `main` does: a judgement call.
const JOIN_AT_THE_END: f32 = 0.45;
/// tokio's own `blocking_*` methods, made for sync code only.
const TOKIO_BLOCKING: f32 = 0.85;
/// `std::thread::yield_now()` in async code: the look of a fix that is none.
const THREAD_YIELD: f32 = 0.8;
const BLOCK_ON: f32 = 0.85;
const NEW_RUNTIME: f32 = 0.75;
/// A helper with its own `#[tokio::main]`, called from async code.
const RUNTIME_OF_ITS_OWN: f32 = 0.8;
/// `async fn main` with no runtime attribute: the one place to fix.
const ASYNC_MAIN_WITHOUT_RUNTIME: f32 = 0.85;
/// A tokio API in a program that starts no runtime.
const NEEDS_RUNTIME: f32 = 0.7;
/// `fib(40)` from async code: long, but its length is a guess.
const HEAVY_RECURSION: f32 = 0.65;
/// The smallest argument of a doubly recursive fn that makes it long.
const HEAVY_ARGUMENT: u128 = 25;

/// Tokio APIs that need a running runtime.
const NEEDS_A_RUNTIME: &[&str] = &[
    "tokio::spawn",
    "tokio::task::spawn",
    "tokio::time::sleep",
    "tokio::time::interval",
    "tokio::time::timeout",
    "tokio::time::sleep_until",
    "tokio::net::",
    "tokio::fs::",
    "tokio::signal::",
];

pub(super) struct Calls;

impl Rule for Calls {
    fn loop_expr(&self, w: &mut Walker<'_>, l: &Loop<'_>) {
        w.check_loop_over_receiver(l);
    }

    fn fn_item(&self, w: &mut Walker<'_>, f: &FnItem<'_>) {
        let name = f.name;
        let attr = f.runtime_attr.as_deref();
        if f.is_async() && attr == Some("tokio::main") && name != "main" {
            // A helper that starts a runtime of its own: calling it from async
            // code nests runtimes.
            let at = pos(f.sig.ident.span());
            w.summaries
                .entry(name.to_string())
                .or_default()
                .push(Event {
                    id: MistakeId::NestedRuntime,
                    confidence: RUNTIME_OF_ITS_OWN,
                    line: at.0,
                    detail: format!("`{name}` starts a runtime of its own (`#[tokio::main]`)"),
                    cost: 1,
                });
        }
        if f.is_async() && name == "main" && attr.is_none() {
            w.add(
                MistakeId::MissingRuntime,
                ASYNC_MAIN_WITHOUT_RUNTIME,
                pos(f.sig.fn_token.span()),
                "`async fn main` has no `#[tokio::main]`: nothing starts a runtime to drive it",
            );
        }
    }

    fn call(&self, w: &mut Walker<'_>, c: &syn::ExprCall) {
        w.check_call(c);
    }

    fn method_call(&self, w: &mut Walker<'_>, m: &syn::ExprMethodCall) {
        w.check_method(m);
    }
}

impl Walker<'_> {
    fn check_call(&mut self, c: &syn::ExprCall) {
        let Some(path) = self.know.resolve_call(c) else {
            return;
        };
        let at = pos(c.span());
        let awaited = self.awaited.contains(&NodeId::of(c));
        let last = path.rsplit("::").next().unwrap_or("").to_string();

        if !awaited {
            if path == "std::thread::sleep" {
                let cost = cost::of_call(c, &self.know.consts, &self.know.fn_costs);
                self.event_costing(
                    MistakeId::BlockingInAsync,
                    THREAD_SLEEP,
                    at,
                    "`std::thread::sleep` stops the whole thread".into(),
                    cost,
                );
                if self.ctx() == Ctx::Async {
                    self.only_routes_of_last(WAIT_ASYNC);
                }
            } else if path.starts_with("std::fs::") {
                self.event(
                    MistakeId::BlockingInAsync,
                    BLOCKING_IO,
                    at,
                    format!("`{path}` is blocking file I/O"),
                );
            } else if path.starts_with("std::net::") {
                self.event(
                    MistakeId::BlockingInAsync,
                    BLOCKING_IO,
                    at,
                    format!("`{path}` is blocking network I/O"),
                );
            } else if path == "std::io::stdin" {
                self.event(
                    MistakeId::BlockingInAsync,
                    STDIN,
                    at,
                    "reading `std::io::stdin` blocks the thread".into(),
                );
            } else if path.starts_with("reqwest::blocking") {
                self.event(
                    MistakeId::BlockingInAsync,
                    BLOCKING_HTTP,
                    at,
                    format!("`{path}` is a blocking HTTP call"),
                );
            }
        }
        if path == "std::thread::yield_now" {
            // The natural wrong fix for a hog: it asks the OS to run another
            // thread, but the task keeps its own, so no other task runs.
            let detail = "`std::thread::yield_now()` does not give the loop a turn: the task keeps the thread, so no other task on it runs (`tokio::task::yield_now().await` does give the loop a turn)";
            if self.ctx() == Ctx::Async {
                self.add(MistakeId::CpuHog, THREAD_YIELD, at, detail);
            } else {
                self.event(MistakeId::CpuHog, THREAD_YIELD, at, detail.into());
            }
        }
        if last == "block_on" && !path.starts_with("Self") {
            self.event(
                MistakeId::NestedRuntime,
                BLOCK_ON,
                at,
                format!("`{path}` blocks on a future"),
            );
        }
        if path.ends_with("Runtime::new")
            || path.ends_with("Builder::new_current_thread")
            || path.ends_with("Builder::new_multi_thread")
        {
            self.event(
                MistakeId::NestedRuntime,
                NEW_RUNTIME,
                at,
                "a new runtime is built".into(),
            );
        }
        // In async code under an `async fn main` that lacks its attribute,
        // the call is fine: main is the one place to fix (and says so).
        let main_is_the_place = self.ctx() == Ctx::Async && self.know.async_main_without_runtime;
        if self.know.has_entry
            && !self.know.has_tokio_runtime
            && !main_is_the_place
            && NEEDS_A_RUNTIME.iter().any(|p| path.starts_with(p))
        {
            self.add(
                MistakeId::MissingRuntime,
                NEEDS_RUNTIME,
                at,
                format!(
                    "`{path}` needs a running tokio runtime, and this program never starts one"
                ),
            );
        }
        // Heavy recursion (`fib(40)`) called from async code.
        if self.ctx() == Ctx::Async && self.know.fn_is(&last, |f| !f.is_async) {
            if let Some(n) = c.args.first().and_then(|a| int_value(a, &self.know.consts)) {
                if n >= HEAVY_ARGUMENT && self.recursive_twice(&last) {
                    self.add(
                        MistakeId::CpuHog,
                        HEAVY_RECURSION,
                        at,
                        format!("`{last}({n})` is a long recursive computation with no `.await`, inside async code"),
                    );
                }
            }
        }
    }

    /// Waiting on a `std::sync::mpsc` receiver: a call, or a loop over it.
    fn std_receive(&mut self, at: (usize, usize), how: &str) {
        let detail = match how {
            "recv" | "recv_timeout" => "`recv` on a `std::sync::mpsc` receiver blocks the thread until a message comes",
            _ => "a loop over a `std::sync::mpsc` receiver blocks the thread while it waits for each message",
        };
        self.event(MistakeId::BlockingInAsync, STD_RECV, at, detail.into());
    }

    /// `for x in rx` or `for x in &rx` over a `std::sync::mpsc` receiver.
    fn check_loop_over_receiver(&mut self, l: &Loop<'_>) {
        let Some(head) = l.head.filter(|_| l.kind == LoopKind::For) else {
            return;
        };
        let over = match peel(head) {
            syn::Expr::Reference(r) => ident_of(&r.expr),
            e => ident_of(e),
        };
        if over.is_some_and(|r| self.know.std_receivers.contains(&r)) {
            self.std_receive(pos(head.span()), "for");
        }
    }

    /// A method chain that starts at std's `Command::new(..)`
    /// (`Command::new("git").arg(..).spawn()?`), not tokio's.
    fn is_std_command(&self, receiver: &syn::Expr) -> bool {
        let mut e = peel(receiver);
        loop {
            match e {
                syn::Expr::MethodCall(m) => e = peel(&m.receiver),
                syn::Expr::Try(t) => e = peel(&t.expr),
                syn::Expr::Call(c) => {
                    return self
                        .know
                        .resolve_call(c)
                        .is_some_and(|path| path == "std::process::Command::new");
                }
                _ => return false,
            }
        }
    }

    fn recursive_twice(&self, name: &str) -> bool {
        self.know.self_calls.get(name).copied().unwrap_or(0) >= 2
    }

    fn check_method(&mut self, m: &syn::ExprMethodCall) {
        let at = pos(m.span());
        let name = m.method.to_string();
        let awaited = self.awaited.contains(&NodeId::of(m));
        if name == "block_on" {
            self.event(
                MistakeId::NestedRuntime,
                BLOCK_ON,
                at,
                "`block_on` blocks on a future".into(),
            );
        }
        if awaited {
            return;
        }
        match name.as_str() {
            "recv" | "recv_timeout" | "iter" | "into_iter"
                if ident_of(&m.receiver).is_some_and(|r| self.know.std_receivers.contains(&r)) =>
            {
                self.std_receive(at, &name);
            }
            "join" if m.args.is_empty() && self.know.uses_thread_spawn => {
                // At the end of `main`, with nothing awaited after it, the
                // join holds up only tasks still running, if any.
                let frame = self.frame();
                let last_thing = self.ctx() == Ctx::Async
                    && frame.is_entry
                    && !frame.awaits.iter().any(|a| (a.0, a.1) > at);
                let confidence = if last_thing {
                    JOIN_AT_THE_END
                } else {
                    THREAD_JOIN
                };
                self.event(
                    MistakeId::BlockingInAsync,
                    confidence,
                    at,
                    "joining a thread blocks until it ends".into(),
                );
            }
            "output" | "status" | "wait" | "wait_with_output"
                if self.is_std_command(&m.receiver) =>
            {
                self.event(
                    MistakeId::BlockingInAsync,
                    STD_PROCESS,
                    at,
                    // `wait` and `wait_with_output` are the spawned `Child`'s.
                    format!(
                        "std's `{}::{name}` blocks the thread until the child process ends",
                        if name.starts_with("wait") {
                            "Child"
                        } else {
                            "Command"
                        }
                    ),
                );
            }
            "blocking_recv" | "blocking_send" | "blocking_lock" | "blocking_read"
            | "blocking_write" => {
                self.event(
                    MistakeId::BlockingInAsync,
                    TOKIO_BLOCKING,
                    at,
                    format!("`{name}` blocks the thread"),
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::MistakeId;
    use crate::source::testing::{ids, lines, top};

    #[test]
    fn a_child_process_waited_for_with_std_but_not_with_tokio() {
        let bad = r#"
            async fn checkout(repo: &str) -> String {
                let out = std::process::Command::new("git").arg("clone").arg(repo).output().expect("git runs");
                String::from_utf8_lossy(&out.stdout).into_owned()
            }
        "#;
        assert_eq!(top(bad), Some(MistakeId::BlockingInAsync));
        assert_eq!(lines(bad, MistakeId::BlockingInAsync), vec![3]);
        let imported = format!(
            "use std::process::Command;\n{}",
            bad.replace("std::process::Command::new", "Command::new")
        );
        assert_eq!(top(&imported), Some(MistakeId::BlockingInAsync));
        let spawned = bad.replace(".output()", ".spawn().unwrap().wait_with_output()");
        assert_eq!(top(&spawned), Some(MistakeId::BlockingInAsync));
        let tokio = bad
            .replace("std::process::Command::new", "tokio::process::Command::new")
            .replace(".output()", ".output().await");
        assert_eq!(
            lines(&tokio, MistakeId::BlockingInAsync),
            Vec::<usize>::new()
        );
        let in_main =
            r#"fn main() { let s = std::process::Command::new("ls").status().unwrap(); }"#;
        assert_eq!(
            lines(in_main, MistakeId::BlockingInAsync),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn thread_sleep_in_async_fn_but_not_in_spawn_blocking() {
        let bad = "async fn serve() { std::thread::sleep(std::time::Duration::from_millis(5)); }";
        assert_eq!(top(bad), Some(MistakeId::BlockingInAsync));
        let fine = "async fn serve() { tokio::task::spawn_blocking(|| std::thread::sleep(std::time::Duration::from_millis(5))).await.unwrap(); }";
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
        let sync = "fn main() { std::thread::sleep(std::time::Duration::from_millis(5)); }";
        assert!(ids(sync).is_empty());
    }

    /// A sleep in async code is a wait to make async, not work to move to
    /// the blocking pool; a sync helper that sleeps is work to move there.
    #[test]
    fn a_sleep_in_async_code_is_advised_only_its_async_version() {
        let routes_of = |src: &str| {
            let r = crate::source::analyze(src);
            let c = r
                .candidates
                .iter()
                .find(|c| c.id == MistakeId::BlockingInAsync);
            c.expect("blocking-in-async").routes.to_vec()
        };
        let direct =
            "async fn serve() { std::thread::sleep(std::time::Duration::from_millis(5)); }";
        assert_eq!(routes_of(direct), ["async-version"]);
        let helper = "fn nap() { std::thread::sleep(std::time::Duration::from_millis(5)); }
                      async fn serve() { nap(); }";
        assert_eq!(routes_of(helper), ["spawn-blocking"]);
    }

    #[test]
    fn heavy_recursion_is_a_fn_that_calls_itself() {
        let bad = r#"
            fn fib(n: u64) -> u64 { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
            async fn handler() -> u64 { fib(40) }
        "#;
        assert_eq!(top(bad), Some(MistakeId::CpuHog));
        // `Timer::new` calls `Arc::new` and `Mutex::new`, not itself.
        let constructor = r#"
            use std::sync::{Arc, Mutex};
            struct Timer(Arc<Mutex<bool>>);
            impl Timer {
                fn new(ms: u64) -> Timer { let _ = ms; Timer(Arc::new(Mutex::new(false))) }
            }
            async fn wait() { let _t = Timer::new(50); }
        "#;
        assert!(ids(constructor).is_empty(), "{:?}", ids(constructor));
    }

    /// Where `async fn main` has no runtime, that is the one place to fix:
    /// the tokio calls inside async code are fine once a runtime drives them.
    #[test]
    fn an_async_main_without_runtime_is_the_only_place() {
        let src = r#"
            use tokio::time::sleep;
            async fn open() {
                let lights = async { sleep(std::time::Duration::from_millis(100)).await; };
                lights.await;
            }
            async fn main() {
                open().await;
            }
        "#;
        assert_eq!(lines(src, MistakeId::MissingRuntime), [7]);
        // A sync main that spawns without a runtime: the call is the place.
        let sync_main = r#"
            fn main() {
                let h = tokio::spawn(async { 1 });
                drop(h);
            }
        "#;
        assert_eq!(lines(sync_main, MistakeId::MissingRuntime), [3]);
        // Futures driven by another executor: tokio's timer is the place.
        let other_executor = r#"
            async fn countdown() { tokio::time::sleep(std::time::Duration::from_millis(5)).await; }
            fn main() { futures::executor::block_on(countdown()); }
        "#;
        assert_eq!(lines(other_executor, MistakeId::MissingRuntime), [2]);
    }

    #[test]
    fn block_on_inside_async_code() {
        let bad = r#"
            fn helper() -> u32 { futures::executor::block_on(async { 1 }) }
            #[tokio::main]
            async fn main() { println!("{}", helper()); }
        "#;
        assert_eq!(top(bad), Some(MistakeId::NestedRuntime));
        let fine = r#"
            fn main() {
                let rt = tokio::runtime::Runtime::new().unwrap();
                rt.block_on(async { println!("hi") });
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }

    /// Joining a thread blocks; as the last thing `main` does, after its
    /// tasks are awaited, it holds up little: a judgement call.
    #[test]
    fn a_thread_joined_at_the_end_of_main_is_a_judgement_call() {
        let src = r#"
            #[tokio::main]
            async fn main() {
                let t = std::thread::spawn(|| 1);
                let h = tokio::spawn(async { 2 });
                h.await.unwrap();
                t.join().unwrap();
            }
        "#;
        let at_the_end = crate::source::testing::confidence(src, MistakeId::BlockingInAsync);
        assert!(at_the_end > 0.0 && at_the_end < 0.6, "{at_the_end}");
        let before = src
            .replace("h.await.unwrap();\n", "")
            .replace("t.join().unwrap();", "t.join().unwrap(); h.await.unwrap();");
        assert!(crate::source::testing::confidence(&before, MistakeId::BlockingInAsync) >= 0.75);
    }
}
