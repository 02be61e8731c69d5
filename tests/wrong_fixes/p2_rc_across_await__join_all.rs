// Wrong fix: keeps the `Rc` and replaces `tokio::spawn` with `join_all`, so nothing asks for `Send` any more: `serve` is still a future that cannot be spawned, the very thing the text asks to fix.
// Send: what a spawned task keeps across `.await`
//
// tokio's default runtime has several waiters (one thread per core), and an
// idle one steals ready tasks from a busy one. So a task may be suspended at
// an `.await` on one thread and resumed on another: everything it keeps alive
// across an `.await` moves with it, and must be allowed to (it must be
// `Send`). `Rc` is not: its reference count is not safe to touch from two
// threads. `tokio::spawn` asks for a `Send` future on every runtime, even the
// single-threaded `current_thread` one: its signature says so. (Only
// `tokio::task::spawn_local`, on a `LocalSet`, takes a future that is not
// `Send`.) The compiler checks it at `tokio::spawn` and says "future cannot
// be sent between threads safely", pointing at the `.await` where the `Rc` is
// still alive.
//
// What to fix: the ticket is shared with `Rc`. Share it with the thread-safe
// counterpart instead (or make sure no `Rc` is alive at the `.await`).
//
// Done when it compiles and the test passes.

use std::rc::Rc;
use std::time::Duration;

async fn serve(table: u64) -> String {
    // The order ticket is shared by the waiter and the cook of this table.
    let ticket = Rc::new(format!("table {table}: soup"));
    let cooks_copy = Rc::clone(&ticket);
    tokio::time::sleep(Duration::from_millis(10 * table)).await; // the kitchen cooks
    format!(
        "{cooks_copy}, served ({} copies of the ticket)",
        Rc::strong_count(&ticket)
    )
}

async fn serve_all() -> Vec<String> {
    futures::future::join_all((1..=3).map(serve)).await
}

#[tokio::main]
async fn main() {
    println!("{:#?}", serve_all().await);
}

#[cfg(test)]
mod tests {
    use super::*;

    // Several threads: a task may be resumed on another thread after `.await`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_table_is_served() {
        let served = serve_all().await;
        assert_eq!(served.len(), 3, "three tables, three dishes");
        assert_eq!(served[1], "table 2: soup, served (2 copies of the ticket)");
    }

    // `serve` must stay a future that `tokio::spawn` accepts, whatever
    // `serve_all` does with it.
    #[test]
    fn serve_can_be_spawned() {
        fn spawnable<F: std::future::Future + Send + 'static>(_: F) {}
        spawnable(serve(1));
    }
}
