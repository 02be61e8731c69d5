// Single-threaded but concurrent
//
// The event loop is one thread running your code plus a queue of tasks ready
// to continue. This program asks for exactly ONE thread (`current_thread`):
// one waiter. Yet two tables' orders, two tasks, are served "at the same
// time": they take turns. A task keeps the thread until its future answers
// "not yet": at an `.await` on something that isn't here yet, `table` is
// suspended, and the waiter serves the other task, which is ready.
// No `.await` on something that is not ready yet, no turn-taking.
//
// Right now a table never waits for the kitchen: each of its three courses is
// ordered at once, so table 1 orders everything before table 2 even starts,
// and nothing takes any time.
//
// What to fix: in `table`, after each course is ordered, wait for the kitchen
// (`kitchen_ms` milliseconds) in a way that lets the other table have the
// thread meanwhile. Don't add threads: a wait that freezes the only thread
// would freeze both tables.
// (The clock here is tokio's virtual clock, so the waits cost no real time,
// and the times printed are exact.)
//
// Done when the output interleaves: the two tables take turns on one thread.

use std::time::Duration;
use tokio::task;
use tokio::time::Instant;

async fn table(n: u32, kitchen_ms: u64, opened: Instant) {
    for course in ["starter", "main course", "dessert"] {
        let ms = opened.elapsed().as_millis();
        println!("{ms:>3} ms  table {n}: {course} ordered");
        // Not here yet: `table` is suspended, the waiter serves the other task.
        tokio::time::sleep(Duration::from_millis(kitchen_ms)).await;
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let opened = Instant::now();
    let first = task::spawn(table(1, 10, opened));
    let second = task::spawn(table(2, 15, opened));
    first.await.unwrap();
    second.await.unwrap();
    let ms = opened.elapsed().as_millis();
    println!("{ms:>3} ms  both tables served, by one waiter (one thread)");
}
