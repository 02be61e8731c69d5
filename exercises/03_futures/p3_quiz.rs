// Phase 3 quiz: the two gotchas that bite everyone.
//
// A small dinner service. For each table, the kitchen cooks the dish and the
// cellar picks the wine: two independent jobs. The tables are independent too.
//
// Two classic mistakes of the course hide in this program: the compiler
// finds the first, and once it compiles the tests find the second. Today the
// service does not compile, and the dinner is meant to be quick: every job
// that does not need another's result should not wait for it.
//
// Done when the tests pass: three tables are served in about the time one
// dish takes to cook (300 ms on the tests' virtual clock).

use std::time::Duration;
use tokio::time::sleep;

async fn kitchen(table: u32) -> String {
    sleep(Duration::from_millis(300)).await;
    format!("dish {table}")
}

async fn cellar(table: u32) -> String {
    sleep(Duration::from_millis(200)).await;
    format!("wine {table}")
}

async fn serve_table(table: u32) -> String {
    let dish = kitchen(table).await;
    let wine = cellar(table).await;
    format!("table {table}: {dish} with {wine}")
}

async fn serve_all(tables: &[u32]) -> Vec<String> {
    let mut served = Vec::new();
    for &table in tables {
        served.push(serve_table(table));
    }
    served
}

#[tokio::main]
async fn main() {
    for line in serve_all(&[1, 2, 3]).await {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn one_table_waits_for_the_slowest_job_only() {
        let start = Instant::now();
        let line = serve_table(7).await;
        let ms = start.elapsed().as_millis();
        assert_eq!(line, "table 7: dish 7 with wine 7");
        assert!(ms <= 310, "one table took {ms} ms: the dish (300 ms) and the wine (200 ms) waited one after the other instead of overlapping");
    }

    #[tokio::test(start_paused = true)]
    async fn three_tables_are_served_together() {
        let start = Instant::now();
        let served = serve_all(&[1, 2, 3]).await;
        let ms = start.elapsed().as_millis();
        assert_eq!(served.len(), 3, "every table is served");
        assert_eq!(
            served[2], "table 3: dish 3 with wine 3",
            "in the tables' order"
        );
        assert!(
            ms <= 310,
            "the 3 tables took {ms} ms: with the tables served together and each table's dish and \
             wine overlapping, they take about 300 ms"
        );
    }
}
