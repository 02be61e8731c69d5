//! The catalogue of classic async mistakes: the single source of truth for
//! the ids that info.toml tags exercises with, that the diagnosis reports and
//! that tests assert on. Ids are stable: add new ones, never rename one.

/// One classic mistake, in the course's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mistake {
    /// Stable id, as in MISTAKES.md.
    pub id: &'static str,
    /// The mistake in a few words.
    pub title: &'static str,
    /// Why it goes wrong, in the course's model (one or two sentences).
    pub explanation: &'static str,
    /// What to try (never the solution itself).
    pub try_this: &'static str,
}

pub const CATALOGUE: &[Mistake] = &[
    m(
        "missing-await",
        "a future is used where its output was wanted",
        "A future is a value that isn't here yet: calling an async fn hands you the future, not its result. Only `.await` pauses this task until the value is ready.",
        "Find the line where the result is used and ask: is this the value, or the future of it? Put `.await` where you need the value.",
    ),
    m(
        "unawaited-future",
        "a future is created and never polled",
        "Rust futures are lazy: nothing happens until something polls them. A future that is created and dropped never runs, so its work silently never happens (a JavaScript promise starts at once; a Rust future does not).",
        "Make sure every future you create is awaited, joined (`join!`, `join_all`) or spawned. `let _ =` only hides the warning, it does not run the future.",
    ),
    m(
        "await-outside-async",
        "`.await` outside an async function or block",
        "`.await` pauses the current task, so it only exists inside an async fn, an async block or an async closure. A plain fn or closure has no task to pause.",
        "Make the enclosing function or closure async (and await it where it is called), or move the awaiting code into an async block.",
    ),
    m(
        "missing-runtime",
        "no runtime drives the futures",
        "Futures need an executor to poll them: the event loop is a library (tokio), and nothing starts it for you. Without a running runtime, async code cannot make progress and tokio's timers and I/O panic.",
        "Start a runtime around your async code: mark `main` with `#[tokio::main]` (tests with `#[tokio::test]`), or build one and call `block_on` from plain sync code.",
    ),
    m(
        "blocking-in-async",
        "a blocking call inside a task freezes the event loop",
        "The event loop is one thread running your code plus a queue of tasks ready to continue. A blocking call makes that thread stand still: the waiter stands idle at one table while every other table waits.",
        "Use the async version of the call (for example `tokio::time::sleep`, `tokio::fs`, a tokio channel) and `.await` it, or move unavoidable blocking work to `tokio::task::spawn_blocking`.",
    ),
    m(
        "cpu-hog",
        "a long computation with no `.await` starves the other tasks",
        "Tasks only take turns at `.await` points. A long computation with no `.await` keeps the loop's thread busy, so every other task waits until it ends.",
        "Move heavy computation to `tokio::task::spawn_blocking` (or a thread), or give the loop a turn now and then with `tokio::task::yield_now().await`.",
    ),
    m(
        "nested-runtime",
        "blocking on a future from inside async code",
        "Inside async code you are already on the event loop's thread. Blocking on a future there (`block_on`, or building a new runtime) freezes the loop that should drive that very future, so tokio refuses it or the program hangs.",
        "Inside async code, simply `.await` the future. Keep `block_on` for the one place where plain sync code starts the runtime (or use `spawn_blocking` plus `Handle::block_on` for a sync island).",
    ),
    m(
        "lock-across-await",
        "a lock guard is held across an `.await`",
        "A `std::sync::MutexGuard` (or a `RefCell` borrow) held across an `.await` stays locked while this task is paused, so other tasks that want the lock block the loop or wait forever, and the future is not `Send`.",
        "Keep the guard in a short scope that ends before the `.await` (copy what you need out, or `drop` the guard first), or use `tokio::sync::Mutex` when the lock really must be held while waiting.",
    ),
    m(
        "non-send-across-await",
        "a `!Send` value is alive across an `.await` in a spawned task",
        "A spawned task may continue on another thread after any `.await`. A value that is not `Send` (`Rc`, `RefCell`, a raw pointer) alive across an `.await` would travel with it, so the compiler refuses.",
        "Use the thread-safe version (`Arc`, `Mutex`, atomics), or make sure the `!Send` value is dropped before the `.await` (a smaller scope), or run the task with `spawn_local` on a `LocalSet`.",
    ),
    m(
        "borrow-in-spawn",
        "a spawned task borrows local data instead of owning it",
        "A spawned task can outlive the function that spawned it, so it must own everything it uses (`'static`). Borrowing a local variable would leave the task pointing at data that may already be gone.",
        "Give the task its own data: `async move`, and clone (or wrap in `Arc`) what the task and the spawning code both need.",
    ),
    m(
        "unjoined-task",
        "tasks are spawned and never awaited",
        "`spawn` starts a task and hands you a `JoinHandle`. Dropping the handle does not wait for the task: when `main` returns, the runtime stops and unfinished tasks are simply dropped, so their work is lost.",
        "Keep the `JoinHandle`s and `.await` them (or use a `JoinSet`) before the function that spawned them returns.",
    ),
    m(
        "sequential-awaits",
        "independent waits run one after another",
        "`.await` waits for one future before the next line starts, so independent waits awaited one after another add up instead of overlapping: the waiter serves one table at a time.",
        "Start the independent futures together and wait for all of them: `tokio::join!`, `futures::future::join_all`, or spawn them and await the handles.",
    ),
    m(
        "channel-never-closed",
        "a `Sender` stays alive, so the receiver loop never ends",
        "A receiver loop like `while let Some(x) = rx.recv().await` only ends when every `Sender` is gone. A `Sender` (or a clone of it) still alive in some scope keeps the channel open, so the loop waits forever.",
        "Make sure every `Sender` is dropped when the producers are done: move the original into the last producer, or `drop(tx)` before the receiver loop.",
    ),
    m(
        "lost-wakeup",
        "`poll` returns `Pending` without arranging a wake-up",
        "A future that returns `Poll::Pending` promises to arrange a wake-up: the waker is what puts the task back in the ready queue. Pending without storing or calling the waker leaves the task asleep forever.",
        "Before returning `Poll::Pending`, make sure someone will call the waker: store `cx.waker().clone()` where the event happens and call `wake()` there, or poll an inner future that does.",
    ),
    m(
        "cancel-unsafe-select",
        "`select!` drops a future part-way through its work",
        "`select!` (or a timeout) drops the futures that lose the race. A future that was part-way through its work (a partial read, a message taken but not handled) loses that work when it is dropped.",
        "Only race cancel-safe futures in a loop: create the long-running future once outside the loop and race `&mut` to it (`tokio::pin!`), or move the work into its own task and race a channel receive.",
    ),
    m(
        "unbounded-backpressure",
        "nothing slows a fast producer down",
        "When nothing slows a fast producer (an unbounded channel, a spawn per item), work piles up faster than it is done, and memory and queues grow without bound.",
        "Bound the queue: a bounded channel whose `send(..).await` waits when it is full, a `Semaphore` to limit how many run at once, or `buffer_unordered(n)` for streams.",
    ),
    m(
        "recursive-async",
        "an async fn calls itself without boxing",
        "An async fn compiles to a future whose size must be known. A future that contains itself would be infinitely large, so direct recursion needs a box in between.",
        "Box the recursive call: `Box::pin(the_fn(args)).await`, or return a `BoxFuture` built with `.boxed()`.",
    ),
    m(
        "ignored-task-panic",
        "a task panics and nobody looks at its result",
        "When a spawned task panics, tokio catches the panic and reports it only through the task's `JoinHandle` result. Ignoring that result (`let _ =`, `.ok()`) makes the failed work vanish silently.",
        "Look at what `.await` on the handle returns: handle the `Err(JoinError)` (for example `.unwrap()` or `?`, or report it) so a panicking task cannot fail silently.",
    ),
    m(
        "missing-stream-ext",
        "stream methods without the extension trait in scope",
        "Stream methods like `next`, `map` and `filter` come from an extension trait (`StreamExt`), just like iterator adapters come from `Iterator`. Without the trait in scope the methods do not exist.",
        "Bring the extension trait into scope: `use futures::StreamExt;` (or `tokio_stream::StreamExt`), then `.next().await`.",
    ),
    m(
        "deadlock",
        "the program waits for something that can never happen",
        "The program waits for something that can never happen: a message nobody will send, a lock it already holds, a task that waits for it in return. The loop has nothing ready to run, forever.",
        "Draw who waits for whom: find the wait that nothing will ever satisfy (a sender kept but never used, a lock taken twice, two locks in opposite orders), and break the cycle.",
    ),
];

const fn m(
    id: &'static str,
    title: &'static str,
    explanation: &'static str,
    try_this: &'static str,
) -> Mistake {
    Mistake {
        id,
        title,
        explanation,
        try_this,
    }
}

/// The mistake with this id, if the catalogue has it.
pub fn find(id: &str) -> Option<&'static Mistake> {
    CATALOGUE.iter().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mistake_is_explained() {
        for m in CATALOGUE {
            assert!(!m.title.is_empty(), "{} has no title", m.id);
            assert!(!m.explanation.is_empty(), "{} has no explanation", m.id);
            assert!(!m.try_this.is_empty(), "{} has nothing to try", m.id);
        }
    }

    #[test]
    fn ids_are_unique_and_kebab_case() {
        for (i, m) in CATALOGUE.iter().enumerate() {
            assert!(
                m.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                m.id
            );
            assert!(
                CATALOGUE[i + 1..].iter().all(|o| o.id != m.id),
                "{} twice",
                m.id
            );
        }
        assert_eq!(find("deadlock").map(|m| m.id), Some("deadlock"));
        assert!(find("no-such-mistake").is_none());
    }
}
