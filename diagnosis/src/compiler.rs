//! Evidence from the compiler's own diagnostics: error codes, messages, labels
//! and the notes and help of their children.
//!
//! rustc names some async mistakes clearly (E0728, E0752, E0733) and others
//! only through the types it prints (`impl Future`, `MutexGuard`, `Rc`), so
//! the rules read the words of the whole diagnostic, not only its code.

use crate::candidate::{Candidate, EvidenceKind};
use crate::catalogue::{MistakeId, Routes};
use crate::evidence::CompilerMessage;
use crate::source::{SpawnSite, Spawned};

/// The candidates that the compiler's messages point at, in message order.
pub(crate) fn candidates(messages: &[CompilerMessage]) -> Vec<Candidate> {
    messages.iter().filter_map(classify).collect()
}

/// What a spawned closure that borrows needs: `move ||`.
const MOVE_CLOSURE: Routes = Routes::new(MistakeId::BorrowInSpawn, &["move-closure"]);
/// What a spawned async block that borrows needs: `async move`.
const ASYNC_MOVE: Routes = Routes::new(MistakeId::BorrowInSpawn, &["async-move"]);
/// A boxed future whose type does not promise `Send`, handed to `spawn`.
const DYN_SEND: Routes = Routes::new(MistakeId::NonSendAcrossAwait, &["dyn-send"]);
const DYN_FUTURE_WITHOUT_SEND: f32 = 0.9;
/// "`X` cannot be unpinned": the compiler names the mistake.
const UNPINNED: f32 = 0.92;
/// A boxed trait object is pinned by the box: `Box::pin`.
const BOX_PIN: Routes = Routes::new(MistakeId::UnpinnedFuture, &["box-pin"]);

/// The compiler names an anonymous type by where it is written, with the
/// file's path (`{async block@/home/me/course/src/p.rs:8:32: 8:42}`): a path
/// that means nothing to the learner (and differs from machine to machine).
/// Quoted, it says only the line: `{async block on line 8}`.
fn located_by_line(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find('@') {
        let kind_start = rest[..at].rfind('{');
        let end = rest[at..].find('}').map(|e| at + e);
        let (Some(kind_start), Some(end)) = (kind_start, end) else {
            break;
        };
        let kind = &rest[kind_start + 1..at];
        let place = &rest[at + 1..end];
        // `PATH:LINE:COL: LINE:COL`: the line follows the path's last `:`s.
        let line = place
            .split(": ")
            .next()
            .and_then(|start| start.rsplit(':').nth(1))
            .filter(|l| l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty());
        let anonymous =
            kind == "closure" || kind.starts_with("async ") || kind.ends_with("coroutine");
        if anonymous {
            out.push_str(&rest[..kind_start]);
            match line {
                Some(line) => out.push_str(&format!("{{{kind} on line {line}}}")),
                None => out.push_str(&format!("{{{kind}}}")),
            }
        } else {
            out.push_str(&rest[..=end]);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The type in "`X` cannot be unpinned".
fn unpinned_type(message: &str) -> Option<&str> {
    let rest = message.trim().strip_prefix('`')?;
    rest.strip_suffix("` cannot be unpinned")
}

/// The catalogue route that fits what is spawned: `move ||` for a closure,
/// `async move` for an async block.
fn route_for(what: Spawned) -> Routes {
    match what {
        Spawned::Closure => MOVE_CLOSURE,
        Spawned::AsyncBlock => ASYNC_MOVE,
    }
}

/// A borrow that must live for `'static` (E0597 and friends) says where the
/// borrow is, not what is spawned: the source tells. The spawn whose lines
/// hold the error, or else the next one after it, is the one that needs
/// the borrow; when nothing spawned is in sight, every route stays.
pub(crate) fn fit_routes(cands: &mut [Candidate], spawns: &[SpawnSite]) {
    for c in cands
        .iter_mut()
        .filter(|c| c.id == MistakeId::BorrowInSpawn && c.routes.is_empty() && c.line > 0)
    {
        let holding = spawns
            .iter()
            .filter(|s| s.first <= c.line && c.line <= s.last)
            .max_by_key(|s| s.first);
        let next = || {
            spawns
                .iter()
                .filter(|s| s.first > c.line)
                .min_by_key(|s| s.first)
        };
        if let Some(s) = holding.or_else(next) {
            c.routes = route_for(s.what).keys;
        }
    }
}

/// Every word of a diagnostic, for the rules that look for a type name.
fn all_text(m: &CompilerMessage) -> String {
    let mut text = m.message.clone();
    if let Some(label) = &m.label {
        text.push('\n');
        text.push_str(label);
    }
    for child in &m.children {
        text.push('\n');
        text.push_str(child);
    }
    text.push('\n');
    text.push_str(&m.rendered);
    text
}

fn classify(m: &CompilerMessage) -> Option<Candidate> {
    let code = m.code.as_deref().unwrap_or("");
    let text = all_text(m);
    let here = |id, confidence, detail: String| {
        Some(
            Candidate::new(id, EvidenceKind::Compiler, confidence, detail)
                .at(m.line.unwrap_or(0), m.column.unwrap_or(0)),
        )
    };
    let quoted = format!(
        "the compiler says: \"{}\"",
        located_by_line(m.message.trim())
    );

    if !m.is_error() {
        // Warnings that are async mistakes in their own right.
        if code == "unused_must_use"
            && (text.contains("futures do nothing unless")
                || text.contains("implementer of `Future`"))
        {
            return here(
                MistakeId::UnawaitedFuture,
                0.9,
                "a future is created here and dropped without being awaited, so its work never runs".into(),
            );
        }
        if code == "unused_must_use" && text.contains("JoinHandle") {
            return here(
                MistakeId::UnjoinedTask,
                0.6,
                "the task's `JoinHandle` is dropped here".into(),
            );
        }
        return None;
    }

    match code {
        "E0728" => return here(MistakeId::AwaitOutsideAsync, 0.97, quoted),
        "E0752" => return here(MistakeId::MissingRuntime, 0.97, quoted),
        "E0733" => return here(MistakeId::RecursiveAsync, 0.97, quoted),
        "E0720" if text.contains("recursive") => {
            return here(MistakeId::RecursiveAsync, 0.8, quoted)
        }
        "E0373" => {
            // "closure may outlive the current function" / "async block may
            // outlive ...": the compiler names what borrows.
            let what = if m.message.starts_with("closure") {
                Some(Spawned::Closure)
            } else if m.message.starts_with("async block") {
                Some(Spawned::AsyncBlock)
            } else {
                None
            };
            return here(MistakeId::BorrowInSpawn, 0.92, quoted).map(|c| match what {
                Some(what) => c.only_routes(route_for(what)),
                None => c,
            });
        }
        _ => {}
    }

    // A future or stream that is not `Unpin`, polled through a plain
    // reference (`next()`, `select!` on `&mut fut`, `Pin::new`) or awaited
    // as an unpinned `Box<dyn Future>`: it must be pinned first. A missing
    // `.await` it is not, though the compiler names futures.
    if text.contains("cannot be unpinned")
        || text.contains("the trait `Unpin` is not implemented")
        || text.contains("`Unpin` is not implemented")
    {
        // A boxed trait object (`Box<dyn Future>`, `Box<dyn Stream>`) is
        // pinned by making the box with `Box::pin`: `pin!` on the box
        // would not make it a future.
        let boxed = unpinned_type(&m.message)
            .is_some_and(|t| t.trim_start_matches('(').starts_with("dyn "));
        let why = if boxed {
            "a plain `Box` does not pin what it holds, and it is polled through the box"
        } else {
            "it is polled through a plain reference, and it is not pinned"
        };
        let candidate = here(
            MistakeId::UnpinnedFuture,
            UNPINNED,
            format!("{quoted}: {why}"),
        );
        return if boxed {
            candidate.map(|c| c.only_routes(BOX_PIN))
        } else {
            candidate
        };
    }

    // A boxed future that is not `Send` because its trait object does not
    // say `+ Send` (`Box<dyn Future<Output = T>>`): no `Rc` to replace, no
    // task to make local; its fix is `+ Send` on the trait object.
    let not_send = not_send_types(&text);
    if !not_send.is_empty()
        && not_send
            .iter()
            .all(|t| is_dyn_future(t) && !t.contains("+ Send"))
    {
        return here(
            MistakeId::NonSendAcrossAwait,
            DYN_FUTURE_WITHOUT_SEND,
            format!(
                "`{}` does not say `+ Send`, so the task that runs it cannot move between threads",
                not_send[0]
            ),
        )
        .map(|c| c.only_routes(DYN_SEND));
    }

    if text.contains("cannot be sent between threads safely")
        || text.contains("cannot be shared between threads safely")
        || text.contains("is not `Send`")
    {
        // The primary span is the spawn; the note shows the `.await` the
        // value lives across, where the fix goes.
        let here = |id, confidence, detail: String| {
            let (line, column) = note_location(&m.rendered, "used across an await")
                .unwrap_or((m.line.unwrap_or(0), m.column.unwrap_or(0)));
            Some(Candidate::new(id, EvidenceKind::Compiler, confidence, detail).at(line, column))
        };
        // A `RefCell` borrow (`Ref`, `RefMut`) is no lock: it is a `!Send`
        // value like any other.
        let guard = ["MutexGuard", "RwLockReadGuard", "RwLockWriteGuard"];
        if guard.iter().any(|g| text.contains(g)) {
            return here(
                MistakeId::LockAcrossAwait,
                0.92,
                "a lock guard is alive across an `.await`, so the future cannot be sent between threads".into(),
            );
        }
        return here(
            MistakeId::NonSendAcrossAwait,
            0.9,
            "a value that is not `Send` (such as an `Rc`, or a `RefCell` borrow) is alive across an `.await` in a task that may move between threads".into(),
        );
    }

    // Missing extension traits come before missing `.await`: both are E0599.
    if code == "E0599"
        && (text.contains("StreamExt")
            || text.contains("impl Stream")
            || text.contains("dyn Stream")
            || (text.contains("Stream") && text.contains("trait")))
    {
        return here(MistakeId::MissingStreamExt, 0.92, quoted);
    }

    let future_words = text.contains("impl Future")
        || text.contains("consider `await`ing")
        || text.contains("consider using `.await`")
        || text.contains("found future")
        || text.contains("found opaque type")
        || (text.contains("JoinHandle<") && !text.contains("is not a future"))
        || text.contains("`async` block")
        || names_a_future_type(&text);
    let value_codes = [
        "E0308", "E0599", "E0277", "E0369", "E0609", "E0608", "E0614", "E0600", "E0604", "E0605",
    ];
    if value_codes.contains(&code) && future_words && !text.contains("is not a future") {
        return here(
            MistakeId::MissingAwait,
            0.9,
            format!("{quoted}: a future is used where its output was wanted"),
        );
    }

    if matches!(code, "E0597" | "E0716" | "E0521" | "E0759" | "E0621")
        && (text.contains("'static") || text.contains("spawn"))
    {
        return here(MistakeId::BorrowInSpawn, 0.8, quoted);
    }

    if text.contains("`await` is only allowed inside `async`") {
        return here(MistakeId::AwaitOutsideAsync, 0.95, quoted);
    }
    if text.contains("recursion in an `async fn` requires boxing")
        || text.contains("recursion in an async fn")
    {
        return here(MistakeId::RecursiveAsync, 0.95, quoted);
    }
    if text.contains("`main` function is not allowed to be `async`") {
        return here(MistakeId::MissingRuntime, 0.95, quoted);
    }
    None
}

/// The types a diagnostic says are not `Send`: "`X` cannot be sent between
/// threads safely", "the trait `Send` is not implemented for `X`", "has
/// type `X` which is not `Send`".
fn not_send_types(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |t: &str| {
        let t = t.trim().to_string();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    };
    for line in text.lines() {
        if let Some(rest) = line
            .split("the trait `Send` is not implemented for `")
            .nth(1)
        {
            push(rest.split_once('`').map_or(rest, |(t, _)| t));
        }
        if let Some(rest) = line.split("has type `").nth(1) {
            if let Some((t, tail)) = rest.split_once('`') {
                if tail.contains("not `Send`") {
                    push(t);
                }
            }
        }
        if let Some(before) = line.split("` cannot be sent between threads safely").next() {
            if line.contains("` cannot be sent between threads safely") {
                if let Some(start) = before.find('`') {
                    push(&before[start + 1..]);
                }
            }
        }
    }
    out
}

/// A trait object of a future (`dyn Future<..>`, maybe boxed and pinned),
/// with nothing else in it that is not `Send`.
fn is_dyn_future(t: &str) -> bool {
    [
        "dyn Future",
        "dyn std::future::Future",
        "dyn core::future::Future",
    ]
    .iter()
    .any(|d| t.contains(d))
        && !["Rc<", "Cell<", "Guard", "*const", "*mut"]
            .iter()
            .any(|n| t.contains(n))
}

/// The place of the note that says `note` in a rendered diagnostic, when it
/// is in the same file as the diagnostic itself.
fn note_location(rendered: &str, note: &str) -> Option<(usize, usize)> {
    let text = strip_ansi(rendered);
    let file_of = |arrow: &str| -> Option<(String, usize, usize)> {
        let place = arrow.trim_start().strip_prefix("-->")?.trim();
        let mut parts = place.rsplitn(3, ':');
        let column = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_string(), line, column))
    };
    let mut lines = text.lines();
    let (primary, _, _) = lines
        .by_ref()
        .find(|l| l.trim_start().starts_with("-->"))
        .and_then(file_of)?;
    lines.by_ref().find(|l| l.contains(note))?;
    let (file, line, column) = lines
        .find(|l| l.trim_start().starts_with("-->"))
        .and_then(file_of)?;
    (file == primary).then_some((line, column))
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // `ESC [ ... letter`
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Types that are futures and nothing else (the combinators of `futures`
/// and tokio's timers): a method looked up on one of them, or one of them
/// found where a value was expected, is a missing `.await`.
fn names_a_future_type(text: &str) -> bool {
    const FUTURE_TYPES: &[&str] = &[
        "JoinAll<",
        "TryJoinAll<",
        "SelectAll<",
        "SelectOk<",
        "Join3<",
        "Join4<",
        "TryJoin<",
        "Timeout<",
        "`Sleep`",
    ];
    FUTURE_TYPES.iter().any(|t| {
        text.match_indices(t.trim_start_matches('`'))
            .any(|(at, _)| {
                t.starts_with('`') && text[..at].ends_with('`')
                    || text[..at].ends_with(['`', '<', ' ', '&', ':'])
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::message;

    #[test]
    fn a_method_on_a_future_combinator_is_missing_await() {
        let m = message(
            "error",
            Some("E0599"),
            "no method named `iter` found for struct `JoinAll<F>` in the current scope",
            &[],
        );
        assert_eq!(top(m), Some(MistakeId::MissingAwait));
        let m = message(
            "error",
            Some("E0308"),
            "mismatched types: expected `u64`, found `Timeout<impl Future<Output = u64>>`",
            &[],
        );
        assert_eq!(top(m), Some(MistakeId::MissingAwait));
        let m = message(
            "error",
            Some("E0599"),
            "no method named `iter` found for struct `Joined<F>` in the current scope",
            &[],
        );
        assert_eq!(top(m), None);
    }

    fn top(m: CompilerMessage) -> Option<MistakeId> {
        candidates(&[m]).first().map(|c| c.id)
    }

    #[test]
    fn e0728_is_await_outside_async() {
        let m = message(
            "error",
            Some("E0728"),
            "`await` is only allowed inside `async` functions and blocks",
            &[],
        );
        assert_eq!(top(m), Some(MistakeId::AwaitOutsideAsync));
    }

    #[test]
    fn e0752_is_missing_runtime() {
        let m = message(
            "error",
            Some("E0752"),
            "`main` function is not allowed to be `async`",
            &[],
        );
        assert_eq!(top(m), Some(MistakeId::MissingRuntime));
    }

    #[test]
    fn mismatched_future_is_missing_await() {
        let m = message(
            "error",
            Some("E0308"),
            "mismatched types",
            &[
                "expected `u32`, found future",
                "consider `await`ing on the `Future`",
            ],
        );
        assert_eq!(top(m), Some(MistakeId::MissingAwait));
        let m = message(
            "error",
            Some("E0599"),
            "no method named `len` found for opaque type `impl Future<Output = Vec<u8>>` in the current scope",
            &[],
        );
        assert_eq!(top(m), Some(MistakeId::MissingAwait));
    }

    #[test]
    fn plain_type_errors_are_not_missing_await() {
        let m = message(
            "error",
            Some("E0308"),
            "mismatched types",
            &["expected `u32`, found `&str`"],
        );
        assert_eq!(top(m), None);
    }

    #[test]
    fn send_errors_name_the_guard_or_the_rc() {
        let m = message(
            "error",
            None,
            "future cannot be sent between threads safely",
            &["has type `std::sync::MutexGuard<'_, i32>` which is not `Send`"],
        );
        assert_eq!(top(m), Some(MistakeId::LockAcrossAwait));
        let m = message(
            "error",
            Some("E0277"),
            "`Rc<RefCell<u32>>` cannot be sent between threads safely",
            &[],
        );
        assert_eq!(top(m), Some(MistakeId::NonSendAcrossAwait));
    }

    /// rustc's primary span for a future that is not `Send` is the spawn;
    /// its note shows the `.await` across which the value lives, which is
    /// where the fix goes.
    #[test]
    fn a_value_alive_across_an_await_is_placed_at_the_await() {
        let rendered = "error: future cannot be sent between threads safely
   --> src/main.rs:41:35
    |
 41 |         .map(|table| tokio::spawn(take_order(book.clone(), table)))
    |                                   ^^^^^^^^^^^^^^^^^^ future returned by `take_order` is not `Send`
note: future is not `Send` as this value is used across an await
   --> src/main.rs:35:51
    |
 32 |     let mut orders = book.lock().unwrap();
    |         ---------- has type `std::sync::MutexGuard<'_, Vec<String>>` which is not `Send`
...
 35 |     tokio::time::sleep(Duration::from_millis(10)).await;
    |                                                   ^^^^^ await occurs here
note: required by a bound in `tokio::spawn`
   --> /home/u/.cargo/registry/src/tokio-1.54.1/src/task/spawn.rs:176:21
";
        let mut m = message(
            "error",
            None,
            "future cannot be sent between threads safely",
            &[
                "within `impl Future<Output = ()>`, the trait `Send` is not implemented for `std::sync::MutexGuard<'_, Vec<String>>`",
                "future is not `Send` as this value is used across an await",
            ],
        );
        m.line = Some(41);
        m.rendered = format!("\u{1b}[1m{rendered}\u{1b}[0m");
        let c = &candidates(&[m.clone()])[0];
        assert_eq!(
            (c.id, c.line, c.column),
            (MistakeId::LockAcrossAwait, 35, 51)
        );
        // Without the note, the primary span is all there is.
        m.rendered = "error: future cannot be sent between threads safely".into();
        let c = &candidates(&[m])[0];
        assert_eq!((c.id, c.line), (MistakeId::LockAcrossAwait, 41));
    }

    #[test]
    fn stream_methods_without_the_trait() {
        let m = message(
            "error",
            Some("E0599"),
            "no method named `next` found for struct `ReceiverStream` in the current scope",
            &["trait `StreamExt` which provides `next` is implemented but not in scope"],
        );
        assert_eq!(top(m), Some(MistakeId::MissingStreamExt));
    }

    #[test]
    fn borrow_and_recursion_codes() {
        let m = message(
            "error",
            Some("E0373"),
            "async block may outlive the current function, but it borrows `names`",
            &[],
        );
        assert_eq!(top(m), Some(MistakeId::BorrowInSpawn));
        let m = message(
            "error",
            Some("E0597"),
            "`data` does not live long enough",
            &["argument requires that `data` is borrowed for `'static`"],
        );
        assert_eq!(top(m), Some(MistakeId::BorrowInSpawn));
        let m = message(
            "error",
            Some("E0733"),
            "recursion in an async fn requires boxing",
            &[],
        );
        assert_eq!(top(m), Some(MistakeId::RecursiveAsync));
    }

    #[test]
    fn a_closure_that_borrows_is_told_move_closure() {
        let closure = message(
            "error",
            Some("E0373"),
            "closure may outlive the current function, but it borrows `settings.name`, which is owned by the current function",
            &[],
        );
        let c = &candidates(&[closure])[0];
        assert_eq!(
            (c.id, c.routes),
            (MistakeId::BorrowInSpawn, &["move-closure"][..])
        );
        let block = message(
            "error",
            Some("E0373"),
            "async block may outlive the current function, but it borrows `names`, which is owned by the current function",
            &[],
        );
        let c = &candidates(&[block])[0];
        assert_eq!(
            (c.id, c.routes),
            (MistakeId::BorrowInSpawn, &["async-move"][..])
        );
    }

    #[test]
    fn a_borrow_too_short_is_fitted_to_what_is_spawned_next() {
        let at = |line| {
            let mut m = message(
                "error",
                Some("E0597"),
                "`data` does not live long enough",
                &["argument requires that `data` is borrowed for `'static`"],
            );
            m.line = Some(line);
            candidates(&[m])
        };
        let spawns = [
            SpawnSite {
                first: 5,
                last: 5,
                what: Spawned::Closure,
            },
            SpawnSite {
                first: 9,
                last: 11,
                what: Spawned::AsyncBlock,
            },
        ];
        let mut c = at(4);
        fit_routes(&mut c, &spawns);
        assert_eq!(c[0].routes, ["move-closure"]);
        let mut c = at(8);
        fit_routes(&mut c, &spawns);
        assert_eq!(c[0].routes, ["async-move"]);
        let mut c = at(10);
        fit_routes(&mut c, &spawns);
        assert_eq!(c[0].routes, ["async-move"]);
        // Nothing spawned in sight: every route stays.
        let mut c = at(4);
        fit_routes(&mut c, &[]);
        assert!(c[0].routes.is_empty());
    }

    /// `tokio::spawn` of a `Pin<Box<dyn Future<Output = T>>>` without
    /// `+ Send`: the fix is the bound on the trait object, not `Arc` for an
    /// `Rc` nor `spawn_local`: the one route advised is `dyn-send`.
    #[test]
    fn a_boxed_dyn_future_without_send_is_not_an_rc_across_an_await() {
        let m = message(
            "error",
            Some("E0277"),
            "`dyn Future<Output = u32>` cannot be sent between threads safely",
            &[
                "the trait `Send` is not implemented for `dyn Future<Output = u32>`",
                "required for `Unique<dyn Future<Output = u32>>` to implement `Send`",
            ],
        );
        let dyn_send = |m: CompilerMessage| {
            let c = candidates(&[m]).into_iter().next().expect("named");
            assert_eq!(c.id, MistakeId::NonSendAcrossAwait);
            assert_eq!(c.routes, ["dyn-send"]);
        };
        dyn_send(m);
        let m = message(
            "error",
            None,
            "future cannot be sent between threads safely",
            &["has type `Pin<Box<dyn Future<Output = u32>>>` which is not `Send`"],
        );
        dyn_send(m);
        // An `Rc` is still an `Rc`, boxed futures or not.
        let m = message(
            "error",
            None,
            "future cannot be sent between threads safely",
            &[
                "has type `Pin<Box<dyn Future<Output = u32>>>` which is not `Send`",
                "has type `Rc<u32>` which is not `Send`",
            ],
        );
        assert_eq!(top(m), Some(MistakeId::NonSendAcrossAwait));
    }

    #[test]
    fn an_anonymous_type_is_quoted_by_its_line_not_its_path() {
        assert_eq!(
            located_by_line("`{async block@/tmp/ci/src/p.rs:8:32: 8:42}` cannot be unpinned"),
            "`{async block on line 8}` cannot be unpinned"
        );
        assert_eq!(
            located_by_line("expected `{closure@src/main.rs:3:9: 3:11}`, found `u32`"),
            "expected `{closure on line 3}`, found `u32`"
        );
        let plain = "mismatched types: `a@b` is not `{integer}`";
        assert_eq!(located_by_line(plain), plain);
        let braces = "`{integer}` and x@y}";
        assert_eq!(located_by_line(braces), braces);
    }

    /// "cannot be unpinned": a future or stream polled through a plain
    /// reference, or an unpinned `Box<dyn Future>` awaited. Not a missing
    /// `.await`, though the compiler names futures; a boxed trait object is
    /// told `Box::pin` only.
    #[test]
    fn a_future_that_cannot_be_unpinned_is_unpinned_future() {
        let m = message(
            "error",
            Some("E0277"),
            "`dyn Future<Output = u32>` cannot be unpinned",
            &[
                "the trait `Unpin` is not implemented for `dyn Future<Output = u32>`",
                "consider using the `pin!` macro",
                "required for `Box<dyn Future<Output = u32>>` to implement `Future`",
                "the trait `Future` is implemented for `Pin<P>`",
            ],
        );
        let c = candidates(&[m]).into_iter().next().expect("named");
        assert_eq!(c.id, MistakeId::UnpinnedFuture);
        assert_eq!(c.routes, ["box-pin"]);
        let m = message(
            "error",
            Some("E0277"),
            "`{async fn body of slow()}` cannot be unpinned",
            &[
                "consider using the `pin!` macro",
                "required for `&mut impl Future<Output = u32>` to implement `Future`",
            ],
        );
        let c = candidates(&[m]).into_iter().next().expect("named");
        assert_eq!(c.id, MistakeId::UnpinnedFuture);
        assert!(c.routes.is_empty(), "{:?}", c.routes);
        let m = message(
            "error",
            Some("E0277"),
            "`{async block@src/main.rs:21:52: 21:62}` cannot be unpinned",
            &["required by a bound in `futures::StreamExt::next`"],
        );
        assert_eq!(top(m), Some(MistakeId::UnpinnedFuture));
        // A trait object with more bounds is written in parentheses.
        let m = message(
            "error",
            Some("E0277"),
            "`(dyn Stream<Item = u32> + std::marker::Send + 'static)` cannot be unpinned",
            &[],
        );
        let c = candidates(&[m]).into_iter().next().expect("named");
        assert_eq!(c.routes, ["box-pin"]);
    }

    #[test]
    fn unused_future_warning_is_unawaited_future() {
        let m = message(
            "warning",
            Some("unused_must_use"),
            "unused implementer of `Future` that must be used",
            &["futures do nothing unless you `.await` or poll them"],
        );
        assert_eq!(top(m), Some(MistakeId::UnawaitedFuture));
        let m = message(
            "warning",
            Some("unused_variables"),
            "unused variable: `x`",
            &[],
        );
        assert_eq!(top(m), None);
    }
}
