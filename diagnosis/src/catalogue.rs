//! The catalogue of classic async mistakes: the single source of truth for
//! the ids that info.toml tags exercises with, that the diagnosis reports and
//! that tests assert on. Ids are stable: add new ones, never rename one.
//!
//! Adding a mistake: its id in `mistake_ids!` below, its entry in
//! [`CATALOGUE`], a rule (`source/rules/`) and corpus pairs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One variant per catalogue id, with the id's string: the enum, the list
/// of every id and the strings are written once, here.
macro_rules! mistake_ids {
    ($($variant:ident = $id:literal,)*) => {
        /// A catalogue id. Written (in JSON, in info.toml) as its string,
        /// such as `"missing-await"`; in Rust code a misspelt id does not
        /// compile.
        #[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[serde(rename_all = "kebab-case")]
        pub enum MistakeId {
            $($variant,)*
        }

        impl MistakeId {
            /// Every id, in catalogue order.
            pub const ALL: &[MistakeId] = &[$(MistakeId::$variant,)*];

            /// The id's string, such as `"missing-await"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(MistakeId::$variant => $id,)*
                }
            }
        }
    };
}

mistake_ids! {
    MissingAwait = "missing-await",
    UnawaitedFuture = "unawaited-future",
    AwaitOutsideAsync = "await-outside-async",
    MissingRuntime = "missing-runtime",
    BlockingInAsync = "blocking-in-async",
    CpuHog = "cpu-hog",
    NestedRuntime = "nested-runtime",
    LockAcrossAwait = "lock-across-await",
    NonSendAcrossAwait = "non-send-across-await",
    BorrowInSpawn = "borrow-in-spawn",
    UnjoinedTask = "unjoined-task",
    SequentialAwaits = "sequential-awaits",
    ChannelNeverClosed = "channel-never-closed",
    LostWakeup = "lost-wakeup",
    CancelUnsafeSelect = "cancel-unsafe-select",
    UnboundedBackpressure = "unbounded-backpressure",
    RecursiveAsync = "recursive-async",
    IgnoredTaskPanic = "ignored-task-panic",
    MissingStreamExt = "missing-stream-ext",
    Deadlock = "deadlock",
    UnpinnedFuture = "unpinned-future",
    UnflushedOnExit = "unflushed-on-exit",
    PolledOnce = "polled-once",
}

impl MistakeId {
    /// The catalogue's entry for this id.
    pub fn mistake(self) -> &'static Mistake {
        CATALOGUE
            .iter()
            .find(|m| m.id == self)
            .expect("every id has its catalogue entry")
    }
}

impl fmt::Display for MistakeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is no catalogue id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMistake(pub String);

impl fmt::Display for UnknownMistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not in the catalogue", self.0)
    }
}

impl std::error::Error for UnknownMistake {}

impl FromStr for MistakeId {
    type Err = UnknownMistake;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MistakeId::ALL
            .iter()
            .copied()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| UnknownMistake(s.to_string()))
    }
}

/// One classic mistake, in the course's words (docs/model.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mistake {
    /// Stable id, as info.toml and the JSON output write it.
    pub id: MistakeId,
    /// The mistake in a few words.
    pub title: &'static str,
    /// Why it goes wrong, in the course's model (one or two sentences).
    pub explanation: &'static str,
    /// The ways out, each a concrete change (never the solution itself).
    pub routes: &'static [Route],
}

/// One way out of a mistake. Advice is code, so it is tested: each of
/// `proofs` names a corpus pair (`tests/diagnosis_corpus/<id>/<proof>_
/// {broken,fixed}.rs`) whose fixed twin makes this change and runs clean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// A short name the diagnosis uses to pick the routes that fit.
    pub key: &'static str,
    /// What to try, one sentence.
    pub advice: &'static str,
    pub proofs: &'static [&'static str],
    /// Advised only where the diagnosis saw the case it fits (a stream's
    /// `.then`, a handle dropped to cancel): never among "all the routes".
    pub only_when_fitting: bool,
}

impl Mistake {
    /// What to try: the routes whose keys are given, or all of them.
    pub fn advice(&self, keys: &[&str]) -> String {
        debug_assert!(
            keys.iter().all(|k| self.routes.iter().any(|r| r.key == *k)),
            "{} has no route among {keys:?}",
            self.id
        );
        let fitting: Vec<&str> = self
            .routes
            .iter()
            .filter(|r| keys.contains(&r.key))
            .map(|r| r.advice)
            .collect();
        if fitting.is_empty() {
            self.routes
                .iter()
                .filter(|r| !r.only_when_fitting)
                .map(|r| r.advice)
                .collect::<Vec<_>>()
                .join(" Or: ")
        } else {
            fitting.join(" Or: ")
        }
    }
}

/// Some routes of one mistake: the ones that fit what the diagnosis saw
/// (only `move ||` for a closure). Made in `const` items, where a key that
/// is not a route of its mistake stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Routes {
    pub id: MistakeId,
    pub keys: &'static [&'static str],
}

impl Routes {
    /// Panics (at compile time, in a `const`) when a key is not a route of `id`.
    pub const fn new(id: MistakeId, keys: &'static [&'static str]) -> Routes {
        let routes = entry(id).routes;
        let mut k = 0;
        while k < keys.len() {
            let mut r = 0;
            while r < routes.len() && !same_str(routes[r].key, keys[k]) {
                r += 1;
            }
            assert!(
                r < routes.len(),
                "a route key that is no route of its mistake"
            );
            k += 1;
        }
        Routes { id, keys }
    }
}

/// [`MistakeId::mistake`], for `const` code.
const fn entry(id: MistakeId) -> &'static Mistake {
    let mut i = 0;
    while i < CATALOGUE.len() {
        if CATALOGUE[i].id as usize == id as usize {
            return &CATALOGUE[i];
        }
        i += 1;
    }
    panic!("every id has its catalogue entry")
}

const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub const CATALOGUE: &[Mistake] = &[
    Mistake {
        id: MistakeId::MissingAwait,
        title: "a future is used where its output was wanted",
        explanation: "A future is a value that isn't here yet: calling an async fn hands you the future, not its result. `.await` suspends this async fn until the future is ready and gives you its value.",
        routes: &[route(
            "await",
            "Find the line where the result is used and ask: is this the value, or the future of it? Put `.await` where you need the value.",
            &["price_total"],
        )],
    },
    Mistake {
        id: MistakeId::UnawaitedFuture,
        title: "a future is created and never polled",
        explanation: "Rust futures are lazy: nothing happens until something polls them. A future that is created and dropped never runs, so its work silently never happens (a JavaScript promise starts at once; a Rust future does not). `let _ =` only hides the warning.",
        routes: &[
            route("await", "`.await` the future where its work must be done.", &["orders_saved"]),
            route(
                "join",
                "Wait for several futures together with `join_all` (or `tokio::join!` for a few).",
                &["health_checks", "route_two_uploads"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::AwaitOutsideAsync,
        title: "`.await` outside an async function or block",
        explanation: "`.await` suspends the async fn or async block it is written in, so it only exists inside async code (an async fn, an async block, an async closure). A plain fn or closure cannot be suspended half-way.",
        routes: &[
            route(
                "async-fn",
                "Make the enclosing function `async`, and `.await` it where it is called.",
                &["sync_helper"],
            ),
            route(
                "async-block",
                "In a closure, return a future instead: write its body as an `async move { .. }` block, then await the futures the closure built (for example with `join_all`).",
                &["closure_map"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::MissingRuntime,
        title: "no runtime drives the futures",
        explanation: "Futures need an executor to poll them: the event loop is a library (tokio), and nothing starts it for you. Without a running runtime, async code makes no progress, and tokio's timers and `spawn` panic.",
        routes: &[
            route(
                "main-attribute",
                "Mark `main` with `#[tokio::main]`, so that a runtime starts and drives it (an async test takes tokio's own test attribute instead of the plain one).",
                &["async_main"],
            ),
            route(
                "block-on",
                "Build a runtime in plain sync code and call `block_on` with the future.",
                &["spawn_from_sync_main"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::BlockingInAsync,
        title: "a blocking call inside a task freezes the event loop",
        explanation: "The loop's thread is the waiter: it runs the tasks one at a time. A blocking call makes that thread stand still, so the waiter stands idle at one table while every other table on that thread waits.",
        routes: &[
            route(
                "async-version",
                "Use the async version of the call and `.await` it (for example `tokio::time::sleep` for `std::thread::sleep`, a `tokio::sync` channel for a `std` one, tokio's file functions for std's).",
                &["three_tables", "slow_helper", "std_channel_in_task"],
            ),
            route(
                "spawn-blocking",
                "Move blocking work that eventually finishes to `tokio::task::spawn_blocking`, and `.await` its handle.",
                &["route_legacy_driver"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::CpuHog,
        title: "a long computation with no `.await` starves the other tasks",
        explanation: "Tasks take turns only when a task's future returns `Pending`. A long computation that never awaits anything pending keeps the loop's thread busy, so every other task on that thread waits until it ends. (`std::thread::yield_now()` does not help: the task keeps the thread.)",
        routes: &[
            route(
                "yield-now",
                "Inside the long computation, every so many steps, call `tokio::task::yield_now().await`: the task goes to the back of the ready queue, and the other tasks get their turn.",
                &["physics_step_loop"],
            ),
            route(
                "spawn-blocking",
                "Move a computation that ends to `tokio::task::spawn_blocking` and `.await` its handle.",
                &["prime_count_task", "starved_ticker"],
            ),
            route(
                "own-threads",
                "For sustained CPU work, use a thread of your own, `std::thread::spawn` (or a pool sized for the cores, such as rayon, as tokio's documentation recommends), and send the result back over a channel, such as a `oneshot` that the task awaits.",
                &["checksum_thread"],
            ),
            route_for_a_case(
                "spread",
                "Futures joined in one task (`join!`, `join_all`) take turns on the one thread that polls that task, so CPU jobs joined there run one after another, however many cores there are. Make each job a task of its own with `tokio::spawn` (start them all, then await their handles): on a multi-thread runtime, any free worker thread picks each one up. For CPU work that goes on and on, hand the jobs to a pool sized for the cores instead.",
                &["checksums_joined", "thumbnails_join"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::NestedRuntime,
        title: "blocking on a future from inside async code",
        explanation: "Inside async code you are already on a runtime's thread. Blocking that thread on another future (`block_on`) would freeze the loop that drives the tasks, so tokio panics (\"Cannot start a runtime from within a runtime\"), and dropping a runtime there panics too. Building a runtime is allowed; blocking on it there is not.",
        routes: &[
            route(
                "await",
                "Inside async code, simply `.await` the future.",
                &["block_on_in_main", "sync_config_loader"],
            ),
            route(
                "spawn-blocking",
                "For sync code that must block on a future, run that code in `tokio::task::spawn_blocking`, whose thread may block, and call `Handle::current().block_on(..)` there.",
                &["route_sync_report"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::LockAcrossAwait,
        title: "a lock guard is held across an `.await`",
        explanation: "A `std::sync::MutexGuard` held across an `.await` keeps the lock while this fn is suspended: another task that takes the same lock on the same thread blocks the thread (with one thread, forever). The guard is not `Send`, so `tokio::spawn` refuses the future. (A `RefCell` borrow held across an `.await` makes another task's `borrow_mut` panic.)",
        routes: &[
            route(
                "scope",
                "End the guard's scope before the `.await`: lock inside a `{ }` block, or in one statement such as `self.entries.write().unwrap().insert(..)`. (An explicit drop of the guard releases the lock, but once the guard has been used the compiler still counts it as alive at the `.await`, so the future stays not Send.)",
                &["cache_write_guard"],
            ),
            route(
                "tokio-mutex",
                "When the lock truly must be held while waiting, use `tokio::sync::Mutex` and `.lock().await`: waiting for the lock then suspends this fn instead of blocking the thread.",
                &["held_while_saving"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::NonSendAcrossAwait,
        title: "a `!Send` value is alive across an `.await` in a spawned task",
        explanation: "`tokio::spawn` needs a `Send` future on every runtime flavor, because a task may move to another thread between polls. A value that is not `Send` (`Rc`, a `std` mutex guard, `&RefCell` or a `RefCell` borrow, a raw pointer) alive across an `.await` makes the whole future not `Send`.",
        routes: &[
            route(
                "thread-safe",
                "Use the thread-safe version: `Arc` for `Rc`, `Mutex` for `RefCell`.",
                &["rc_refcell_log", "worker_fn_rc"],
            ),
            route(
                "scope",
                "End the value's scope before the `.await`: use it inside a `{ }` block that gives back only what the rest needs, `let .. = { .. };` (an explicit drop is not enough for the compiler once the value has been used).",
                &["rc_scoped"],
            ),
            route(
                "local-set",
                "Run the task with `spawn_local` on a `LocalSet`, and drive the set (for example with `run_until`): a local task does not need its future to be Send.",
                &["rc_local_set"],
            ),
            route_for_a_case(
                "dyn-send",
                "A boxed future's type promises only what it says: `Pin<Box<dyn Future<Output = String>>>` does not promise `Send`, so `tokio::spawn` refuses it, even when the future inside is `Send`. Say it in the type: `dyn Future<Output = String> + Send`.",
                &["boxed_jobs"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::BorrowInSpawn,
        title: "a spawned task borrows local data instead of owning it",
        explanation: "A spawned task or thread can outlive the function that spawned it, so what it runs must own everything it uses (`'static`). Borrowing a local variable would leave it pointing at data that may already be gone.",
        routes: &[
            route(
                "async-move",
                "For an async block, write `async move`, and give the task its own copy of what the spawning code still needs: a clone, or an `Arc` shared with `Arc::clone`.",
                &["names_borrowed", "route_catalog_arc"],
            ),
            route(
                "move-closure",
                "For a closure (`spawn_blocking`, `std::thread::spawn`), write `move ||`, and give it its own copy of what both sides need: a clone, or an `Arc` shared with `Arc::clone`.",
                &["closure_borrows_config"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::UnjoinedTask,
        title: "tasks are spawned and never awaited",
        explanation: "`spawn` starts a task and hands you a `JoinHandle`. Dropping the handle detaches the task: nothing waits for it, and when `main` returns the runtime shuts down and drops the unfinished tasks, so their work is lost.",
        routes: &[
            route(
                "await-handles",
                "Keep the handle each `spawn` returns (a JoinHandle) and `.await` every one before the function that spawned them returns.",
                &["workers_forgotten"],
            ),
            route(
                "join-set",
                "Spawn into a `JoinSet` and drain it with `join_next` before returning.",
                &["joinset_drained"],
            ),
            route_for_a_case(
                "abort",
                "Dropping a task's handle does not stop the task. To cancel it, call `abort()` on the handle, then `.await` the handle to know the task has stopped.",
                &["cancel_by_drop"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::SequentialAwaits,
        title: "independent waits run one after another",
        explanation: "`.await` suspends this fn until that one future is ready, so independent waits awaited one after another add up instead of overlapping: the waiter serves one table at a time.",
        routes: &[
            route(
                "join",
                "Start a few independent futures together and wait for all of them with `tokio::join!`.",
                &["weather_and_news"],
            ),
            route(
                "join-all",
                "For a list, pass the futures themselves (not their awaited values) to `futures::future::join_all`.",
                &["host_pings", "lookup_loop"],
            ),
            route(
                "spawn",
                "Spawn each one as a task into a `JoinSet` and collect the results with `join_next` once all are started.",
                &["page_sizes"],
            ),
            route_for_a_case(
                "buffered",
                "On a stream, `.then(..)` awaits each item's future before it starts the next. `.map(..).buffered(..)` starts up to that many at once and still hands the results out in the items' order.",
                &["feed_previews"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::ChannelNeverClosed,
        title: "a `Sender` stays alive, so the receiver loop never ends",
        explanation: "A receive loop like `while let Some(x) = rx.recv().await` ends only when every `Sender` is gone. A `Sender` (or a clone of it) still alive in some scope keeps the channel open, so the loop waits forever.",
        routes: &[
            route(
                "drop-sender",
                "`drop(tx)` the original once every producer has its clone, before the receive loop.",
                &["producers_clone"],
            ),
            route(
                "move-sender",
                "Move the sender into the producer task (`async move`), so that it is dropped when the producer is done, instead of keeping it in a scope that outlives the receive loop.",
                &["consumer_task"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::LostWakeup,
        title: "a task waits for a wake-up that never comes",
        explanation: "A future that returns `Poll::Pending` promises a wake-up: the waker is the kitchen's bell, and ringing it puts the task back in the ready queue. Pending without storing or calling the waker, or a signal sent before anyone listened for it, leaves the task asleep forever.",
        routes: &[
            route(
                "store-waker",
                "Before returning `Poll::Pending`, hand `cx.waker().clone()` to whatever will see the event, and call `wake()` there.",
                &["timer_thread"],
            ),
            route(
                "wake-requeues",
                "In an executor of your own, the bell must do its job: the `Wake` impl's `wake` puts the task back in the ready queue (for example `queue.send(self)`).",
                &["silent_wake"],
            ),
            route_for_a_case(
                "notify-register-first",
                "`notify_waiters` wakes only the listeners that exist when it runs, and keeps no permit for later ones. Make the listener before the check or the work that comes first (`let ready = notify.notified();`): it hears `notify_waiters` from the moment it is made, even before it is polled. Then `ready.await` where you wait.",
                &["late_listener"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::CancelUnsafeSelect,
        title: "`select!` drops a future part-way through its work",
        explanation: "`select!` (or a timeout) drops the futures that lose the race. A future that was part-way through its work (bytes read into its own local buffer, a message taken but not handled) loses that work when it is dropped.",
        routes: &[
            route(
                "pin-outside",
                "Create the long-running future once, outside the loop, pin it (`tokio::pin!`) and race `&mut` to it.",
                &["frame_reader", "timeout_retry_frame"],
            ),
            route(
                "state-outside",
                "Keep partial progress outside the raced future, in state that survives the drop: a buffer declared before the loop and filled with the cancel-safe `read_buf`.",
                &["partial_frame_buffer"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::UnboundedBackpressure,
        title: "nothing slows a fast producer down",
        explanation: "When nothing slows a fast producer (an unbounded channel, a spawn per item), work piles up faster than it is done, and memory and queues grow without bound.",
        routes: &[
            route(
                "bounded-channel",
                "Use a bounded channel, `mpsc::channel` with a capacity, whose `send(..).await` waits while it is full.",
                &["firehose"],
            ),
            route(
                "semaphore",
                "Limit how many run at once with a `Semaphore`, holding a permit while each works.",
                &["task_per_request"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::RecursiveAsync,
        title: "an async fn calls itself without boxing",
        explanation: "An async fn compiles to a future whose size must be known at compile time. A future that contains itself would be infinitely large, so recursion needs a box in between.",
        routes: &[route(
            "box-pin",
            "Box the recursive call: `Box::pin(..).await`.",
            &["fibonacci"],
        )],
    },
    Mistake {
        id: MistakeId::IgnoredTaskPanic,
        title: "a task panics and nobody looks at its result",
        explanation: "When a spawned task panics, tokio catches the panic at the task's edge: the panic hook prints it on stderr, and the `JoinHandle`'s `.await` returns `Err(JoinError)`. Ignoring that result (`let _ =`, `.ok()`, `if let Ok`) lets the program go on as if the work had been done.",
        routes: &[route(
            "handle-error",
            "Look at what `.await` on the handle returns and `match` it: an `Err` holds the JoinError of a task that panicked or was cancelled; report it, retry, or pass the failure on.",
            &["let_underscore_join"],
        )],
    },
    Mistake {
        id: MistakeId::MissingStreamExt,
        title: "stream methods without the extension trait in scope",
        explanation: "Methods such as `next`, `map` and `filter` are not methods of the `Stream` trait itself: an extension trait, `futures::StreamExt`, provides them for every stream. Without that trait in scope the methods do not exist.",
        routes: &[route(
            "use-ext",
            "Bring the extension trait into scope with `use futures::StreamExt;`: then its methods (`next` and the others) exist on every stream.",
            &["iter_stream"],
        )],
    },
    Mistake {
        id: MistakeId::Deadlock,
        title: "the program waits for something that can never happen",
        explanation: "The program waits for something that can never happen: a message nobody will send, a lock it already holds, two holders each waiting for the other's lock. Nothing can ever make progress, and the program hangs.",
        routes: &[
            route(
                "lock-order",
                "Draw who waits for whom. If two locks are taken in opposite orders, agree on one order (for example by an id: `let (first, second) = if ..`) and take `first` before `second` everywhere.",
                &["wallet_pay"],
            ),
            route(
                "release-first",
                "If you wait while holding something the other side needs, release it before you wait: `drop(..)` the guard, or end its scope with a `{ }` block.",
                &["route_audit_while_locked"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::UnpinnedFuture,
        title: "a future or stream that must stay put is polled through a plain reference",
        explanation: "A future made by an async fn or an async block may point into itself once it has started (its locals live inside it), so it must stay put between polls: it is polled only once it is pinned, fixed in place for the rest of its life. A stream built on one (`unfold` with an async block) is the same. `.await` on the future itself pins it for you; a plain `&mut` promises nothing about staying put, so what polls through one (`next()`, `select!` on `&mut fut`, `Pin::new`) takes only values that do not care whether they move: `Unpin` ones.",
        routes: &[
            route(
                "pin",
                "Pin it in place once, before the loop that polls it, and poll through the pinned handle as before: `std::pin::pin!(..)` pins the value where it is, among the fn's locals (`tokio::pin!(..)` does the same to a variable).",
                &["dish_stream", "select_deadline"],
            ),
            route(
                "box-pin",
                "Pin it on the heap with `Box::pin(..)`: the box may move, the value inside stays put. This also works where the pinned value must leave the fn (returned, or kept in a struct), and for a boxed trait object of a future or a stream, which `Box::new` does not pin.",
                &["boxed_feed"],
            ),
        ],
    },
    Mistake {
        id: MistakeId::UnflushedOnExit,
        title: "a loop stops with accepted work still in its buffer",
        explanation: "A task that gathers items in a buffer and writes them in batches usually has one more, partial batch when it stops: whatever arrived since the last write. A way out of its loop that does not write it first (a shutdown branch that returns, a `break`, the input channel closing) drops the buffer with those items in it. No error says so: the last few items are simply gone.",
        routes: &[route(
            "flush-on-exit",
            "On every way out of the loop, write what is left first (`if !batch.is_empty() { .. }`): in the branch that stops, before it returns; or after the loop, when a break or the end of its input leaves it.",
            &["closing_branch", "shutdown_branch", "channel_closes"],
        )],
    },
    Mistake {
        id: MistakeId::PolledOnce,
        title: "a future is polled once, and `Pending` is taken for an answer",
        explanation: "`Poll::Pending` means \"not yet\": the future has more to do, and it has kept a clone of the context's waker, to call when polling it again is worth it. Code that polls a future by hand once and then treats `Pending` as a failure, or as \"no value\", gives up on a value that is on its way.",
        routes: &[route(
            "poll-again",
            "Where it answers `Poll::Pending`, go on polling it instead of giving up: in a `loop` that ends on `Poll::Ready`, or `continue` to the next turn of a loop you already have (an executor waits for the waker between polls; a loop with a waker that does nothing, as in a test, polls again at once, which suits only futures that get on a little at every poll).",
            &["drive_once", "frame_loader"],
        )],
    },
];

const fn route(key: &'static str, advice: &'static str, proofs: &'static [&'static str]) -> Route {
    Route {
        key,
        advice,
        proofs,
        only_when_fitting: false,
    }
}

/// A [`route`] for one particular case, advised only where it was seen.
const fn route_for_a_case(
    key: &'static str,
    advice: &'static str,
    proofs: &'static [&'static str],
) -> Route {
    Route {
        only_when_fitting: true,
        ..route(key, advice, proofs)
    }
}

/// The mistake with this id, if the catalogue has it.
pub fn find(id: &str) -> Option<&'static Mistake> {
    id.parse().ok().map(MistakeId::mistake)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mistake_is_explained() {
        for m in CATALOGUE {
            assert!(!m.title.is_empty(), "{} has no title", m.id);
            assert!(!m.explanation.is_empty(), "{} has no explanation", m.id);
            assert!(!m.routes.is_empty(), "{} has nothing to try", m.id);
        }
    }

    #[test]
    fn advice_is_the_fitting_routes_or_all_of_them() {
        let m = MistakeId::LostWakeup.mistake();
        assert_eq!(m.advice(&["wake-requeues"]), m.routes[1].advice);
        assert!(m.advice(&[]).contains(m.routes[0].advice));
        assert!(m.advice(&[]).contains(m.routes[1].advice));
        // A route for one case is never among "all of them".
        let case = m.routes.iter().find(|r| r.only_when_fitting).unwrap();
        assert!(!m.advice(&[]).contains(case.advice));
        assert_eq!(m.advice(&[case.key]), case.advice);
    }

    /// A misspelt key would silently lose the advice: the diagnosis's
    /// tests would catch it here.
    #[test]
    #[should_panic(expected = "has no route")]
    fn a_key_that_is_no_route_is_a_bug() {
        MistakeId::Deadlock.mistake().advice(&["no-such-route"]);
    }

    /// The diagnosis names the routes that fit in `const` items of
    /// [`Routes`], so a key that is not a route of its mistake does not
    /// build; outside a `const`, the same check panics.
    #[test]
    #[should_panic(expected = "no route of its mistake")]
    fn routes_are_checked_against_their_mistake() {
        const FITS: Routes = Routes::new(MistakeId::Deadlock, &["lock-order"]);
        assert_eq!(FITS.keys, ["lock-order"]);
        // A route of another mistake.
        Routes::new(MistakeId::Deadlock, &["spawn-blocking"]);
    }

    #[test]
    fn every_id_has_one_entry_and_its_string_is_kebab_case() {
        assert_eq!(CATALOGUE.len(), MistakeId::ALL.len());
        for (m, id) in CATALOGUE.iter().zip(MistakeId::ALL) {
            assert_eq!(m.id, *id, "the catalogue is in the ids' order");
            let s = id.as_str();
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
            // serde's spelling (JSON, info.toml) is the id's string.
            assert_eq!(serde_json::to_value(id).unwrap(), s);
            assert_eq!(s.parse::<MistakeId>(), Ok(*id));
        }
        assert_eq!(find("deadlock").map(|m| m.id), Some(MistakeId::Deadlock));
        assert!(find("no-such-mistake").is_none());
    }

    #[test]
    fn an_unknown_id_is_named() {
        let err = "missing-awaits".parse::<MistakeId>().unwrap_err();
        assert_eq!(err.to_string(), "`missing-awaits` is not in the catalogue");
    }
}
