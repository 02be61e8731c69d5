// Send and the multi-thread scheduler
//
// tokio's default runtime runs several event loops, one per thread, and an
// idle thread steals ready tasks from a busy one. So a task may pause at an
// `.await` on one thread and continue on another: everything it keeps alive
// across an `.await` moves with it, and must be allowed to (it must be
// `Send`). `Rc` is not: its reference count is not safe to touch from two
// threads. The compiler checks this at `tokio::spawn` and says "future cannot
// be sent between threads safely", pointing at the `.await` where the `Rc` is
// still alive.
//
// What to fix: the ticket is shared with `Rc`. Share it with the thread-safe
// counterpart instead (or make sure no `Rc` is alive at the `.await`).
//
// Done when it compiles and the test passes.

use std::sync::Arc;
use std::time::Duration;

async fn serve(table: u64) -> String {
    // The order ticket is shared by the waiter and the cook of this table.
    let ticket = Arc::new(format!("table {table}: soup"));
    let cooks_copy = Arc::clone(&ticket);
    tokio::time::sleep(Duration::from_millis(10 * table)).await; // the kitchen cooks
    format!(
        "{cooks_copy}, served ({} copies of the ticket)",
        Arc::strong_count(&ticket)
    )
}

async fn serve_all() -> Vec<String> {
    let tables: Vec<_> = (1..=3).map(|table| tokio::spawn(serve(table))).collect();
    let mut served = vec![];
    for table in tables {
        served.push(table.await.unwrap());
    }
    served
}

#[tokio::main]
async fn main() {
    println!("{:#?}", serve_all().await);
}

#[cfg(test)]
mod tests {
    use super::*;

    // Several threads: a task may continue on another thread after `.await`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_table_is_served() {
        let served = serve_all().await;
        assert_eq!(served.len(), 3, "three tables, three dishes");
        assert_eq!(served[1], "table 2: soup, served (2 copies of the ticket)");
    }
}
