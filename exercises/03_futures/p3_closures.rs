// Phase 3: futures and async/await. Closures and iterators of futures.
//
// `.await` suspends this async fn until a value is here, and only async code
// can be suspended: a future keeps its state to come back to, a plain fn or
// closure has none. A plain closure `|item| ...` is not async, even inside an
// async fn, so `.await` in it is error E0728. A closure can instead give back
// a future, to be awaited outside it.
//
// Then `map` gives you futures: values that aren't here yet. Rust futures
// are lazy (a JavaScript promise starts at once; a Rust future does nothing
// until it is awaited): a list of futures nobody awaits did no work at all.
//
// Fix `count_stock` (it does not compile) and `record_all` (it records
// nothing). Done when the tests pass.

use std::sync::Mutex;
use std::time::Duration;
use tokio::time::sleep;

async fn count_one(item: &str) -> usize {
    sleep(Duration::from_millis(100)).await; // a walk to the storeroom
    item.len()
}

async fn count_stock(items: &[&str]) -> Vec<usize> {
    // TODO: `.await` is not allowed in this closure.
    items.iter().map(|item| count_one(item).await).collect()
}

async fn record(log: &Mutex<Vec<String>>, item: &str) {
    sleep(Duration::from_millis(10)).await;
    log.lock().unwrap().push(item.to_string());
}

async fn record_all(log: &Mutex<Vec<String>>, items: &[&str]) {
    // TODO: these futures are built, then thrown away without being awaited.
    let _records: Vec<_> = items.iter().map(|item| record(log, item)).collect();
}

#[tokio::main]
async fn main() {
    let items = ["flour", "eggs", "milk"];
    println!("counted: {:?}", count_stock(&items).await);
    let log = Mutex::new(Vec::new());
    record_all(&log, &items).await;
    println!("recorded: {:?}", log.into_inner().unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_stock_is_counted_in_one_walk() {
        let start = Instant::now();
        let counts = count_stock(&["flour", "eggs", "milk"]).await;
        let ms = start.elapsed().as_millis();
        assert_eq!(
            counts,
            [5, 4, 4],
            "each count is the length of the item's name"
        );
        assert!(
            ms <= 150,
            "counting took {ms} ms: the 3 walks should overlap (about 100 ms)"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn every_item_is_recorded() {
        let log = Mutex::new(Vec::new());
        record_all(&log, &["flour", "eggs"]).await;
        let log = log.into_inner().unwrap();
        assert_eq!(
            log,
            ["flour", "eggs"],
            "the log is missing items: a future that is never awaited does nothing"
        );
    }
}
