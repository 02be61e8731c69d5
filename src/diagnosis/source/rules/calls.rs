//! Checked at every call: blocking-in-async, nested-runtime, missing-runtime, heavy recursion.

use syn::spanned::Spanned;

use crate::diagnosis::source::finders::cost;
use crate::diagnosis::source::syntax::{ident_of, int_value, pos};
use crate::diagnosis::source::walker::{addr, Ctx, Walker};

impl Walker<'_> {
    pub(crate) fn check_call(&mut self, c: &syn::ExprCall) {
        let Some(path) = self.know.resolve_call(c) else {
            return;
        };
        let at = pos(c.span());
        let awaited = self.awaited.contains(&addr(c));
        let last = path.rsplit("::").next().unwrap_or("").to_string();

        if self.know.fns.contains_key(&last)
            && (path == last || path.starts_with("Self::") || path.starts_with("self::"))
        {
            let fn_name = self.frame().fn_name.clone();
            let rounds = self.frame().loop_factor;
            self.calls
                .push((last.clone(), fn_name, self.ctx(), at.0, at.1, rounds));
        }

        if !awaited {
            if path == "std::thread::sleep" {
                let cost = cost::of_call(c, &self.know.consts, &self.know.fn_costs);
                self.event_costing(
                    "blocking-in-async",
                    0.9,
                    at,
                    "`std::thread::sleep` stops the whole thread".into(),
                    cost,
                );
            } else if path.starts_with("std::fs::") {
                self.event(
                    "blocking-in-async",
                    0.65,
                    at,
                    format!("`{path}` is blocking file I/O"),
                );
            } else if path.starts_with("std::net::") {
                self.event(
                    "blocking-in-async",
                    0.65,
                    at,
                    format!("`{path}` is blocking network I/O"),
                );
            } else if path == "std::io::stdin" {
                self.event(
                    "blocking-in-async",
                    0.6,
                    at,
                    "reading `std::io::stdin` blocks the thread".into(),
                );
            } else if path.starts_with("reqwest::blocking") {
                self.event(
                    "blocking-in-async",
                    0.8,
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
                self.add("cpu-hog", 0.8, at, detail);
            } else {
                self.event("cpu-hog", 0.8, at, detail.into());
            }
        }
        if last == "block_on" && !path.starts_with("Self") {
            self.event(
                "nested-runtime",
                0.85,
                at,
                format!("`{path}` blocks on a future"),
            );
        }
        if path.ends_with("Runtime::new")
            || path.ends_with("Builder::new_current_thread")
            || path.ends_with("Builder::new_multi_thread")
        {
            self.event("nested-runtime", 0.75, at, "a new runtime is built".into());
        }
        // Tokio APIs that need a running runtime, in a program that starts none.
        let needs_runtime = [
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
        // In async code under an `async fn main` that lacks its attribute,
        // the call is fine: main is the one place to fix (and says so).
        let main_is_the_place = self.ctx() == Ctx::Async && self.know.async_main_without_runtime;
        if self.know.has_entry
            && !self.know.has_tokio_runtime
            && !main_is_the_place
            && needs_runtime.iter().any(|p| path.starts_with(p))
        {
            self.add(
                "missing-runtime",
                0.7,
                at,
                format!(
                    "`{path}` needs a running tokio runtime, and this program never starts one"
                ),
            );
        }
        // Heavy recursion (`fib(40)`) called from async code.
        if self.ctx() == Ctx::Async && self.know.fn_is(&last, |f| !f.is_async) {
            if let Some(n) = c.args.first().and_then(|a| int_value(a, &self.know.consts)) {
                if n >= 25 && self.recursive_twice(&last) {
                    self.add(
                        "cpu-hog",
                        0.65,
                        at,
                        format!("`{last}({n})` is a long recursive computation with no `.await`, inside async code"),
                    );
                }
            }
        }
    }

    fn recursive_twice(&self, name: &str) -> bool {
        self.know.self_calls.get(name).copied().unwrap_or(0) >= 2
    }

    pub(crate) fn check_method(&mut self, m: &syn::ExprMethodCall) {
        let at = pos(m.span());
        let name = m.method.to_string();
        let awaited = self.awaited.contains(&addr(m));
        if name == "block_on" {
            self.event(
                "nested-runtime",
                0.85,
                at,
                "`block_on` blocks on a future".into(),
            );
        }
        if self.know.fns.contains_key(&name) && ident_of(&m.receiver).as_deref() == Some("self") {
            let fn_name = self.frame().fn_name.clone();
            let rounds = self.frame().loop_factor;
            self.calls
                .push((name.clone(), fn_name, self.ctx(), at.0, at.1, rounds));
        }
        if awaited {
            return;
        }
        match name.as_str() {
            "recv" | "recv_timeout"
                if ident_of(&m.receiver).is_some_and(|r| self.know.std_receivers.contains(&r)) =>
            {
                self.event(
                    "blocking-in-async",
                    0.8,
                    at,
                    "`recv` on a `std::sync::mpsc` receiver blocks the thread until a message comes".into(),
                );
            }
            "join" if m.args.is_empty() && self.know.uses_thread_spawn => {
                self.event(
                    "blocking-in-async",
                    0.75,
                    at,
                    "joining a thread blocks until it ends".into(),
                );
            }
            "blocking_recv" | "blocking_send" | "blocking_lock" | "blocking_read"
            | "blocking_write" => {
                self.event(
                    "blocking-in-async",
                    0.85,
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
    use crate::diagnosis::source::testing::{ids, lines, top};

    #[test]
    fn thread_sleep_in_async_fn_but_not_in_spawn_blocking() {
        let bad = "async fn serve() { std::thread::sleep(std::time::Duration::from_millis(5)); }";
        assert_eq!(top(bad), Some("blocking-in-async"));
        let fine = "async fn serve() { tokio::task::spawn_blocking(|| std::thread::sleep(std::time::Duration::from_millis(5))).await.unwrap(); }";
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
        let sync = "fn main() { std::thread::sleep(std::time::Duration::from_millis(5)); }";
        assert!(ids(sync).is_empty());
    }

    #[test]
    fn heavy_recursion_is_a_fn_that_calls_itself() {
        let bad = r#"
            fn fib(n: u64) -> u64 { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
            async fn handler() -> u64 { fib(40) }
        "#;
        assert_eq!(top(bad), Some("cpu-hog"));
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
        assert_eq!(lines(src, "missing-runtime"), [7]);
        // A sync main that spawns without a runtime: the call is the place.
        let sync_main = r#"
            fn main() {
                let h = tokio::spawn(async { 1 });
                drop(h);
            }
        "#;
        assert_eq!(lines(sync_main, "missing-runtime"), [3]);
        // Futures driven by another executor: tokio's timer is the place.
        let other_executor = r#"
            async fn countdown() { tokio::time::sleep(std::time::Duration::from_millis(5)).await; }
            fn main() { futures::executor::block_on(countdown()); }
        "#;
        assert_eq!(lines(other_executor, "missing-runtime"), [2]);
    }

    #[test]
    fn block_on_inside_async_code() {
        let bad = r#"
            fn helper() -> u32 { futures::executor::block_on(async { 1 }) }
            #[tokio::main]
            async fn main() { println!("{}", helper()); }
        "#;
        assert_eq!(top(bad), Some("nested-runtime"));
        let fine = r#"
            fn main() {
                let rt = tokio::runtime::Runtime::new().unwrap();
                rt.block_on(async { println!("hi") });
            }
        "#;
        assert!(ids(fine).is_empty(), "{:?}", ids(fine));
    }
}
