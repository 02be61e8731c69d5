// Phase 3: futures and async/await. Timeouts are values.
//
// Some futures take forever. A time limit can be a future too: one that
// wraps another, and whose value says either "here is its output" or "time
// ran out first", a value you can match on. When time runs out, the inner
// future is dropped, which cancels it: a future that nobody polls any more
// simply stops. (A spawned task is another
// matter: a timeout on its JoinHandle drops only the handle, and the task
// runs on; `handle.abort()` cancels it.)
//
// Fix `price_for` so that it never waits for a supplier longer than
// `PATIENCE`, and uses `LIST_PRICE` when the supplier is too slow.
// Done when the tests pass.

use std::time::Duration;

const PATIENCE: Duration = Duration::from_millis(200);
const LIST_PRICE: u32 = 100;

// Asks a supplier for today's price. Some suppliers take their time.
async fn quote(supplier: &str) -> u32 {
    match supplier {
        "quick" => tokio::time::sleep(Duration::from_millis(50)).await,
        _ => tokio::time::sleep(Duration::from_secs(3600)).await,
    }
    80
}

async fn price_for(supplier: &str) -> u32 {
    // TODO: give up on the supplier after PATIENCE and use LIST_PRICE.
    quote(supplier).await
}

#[tokio::main]
async fn main() {
    println!("quick supplier: {}", price_for("quick").await);
    println!("sleepy supplier: {}", price_for("sleepy").await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn a_quick_supplier_gives_its_price() {
        let start = Instant::now();
        assert_eq!(
            price_for("quick").await,
            80,
            "the quick supplier answers in time"
        );
        let ms = start.elapsed().as_millis();
        assert!(
            ms <= 60,
            "the quick supplier answered after 50 ms, but we waited {ms} ms"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_sleepy_supplier_gets_the_list_price() {
        let start = Instant::now();
        let price = price_for("sleepy").await;
        let ms = start.elapsed().as_millis();
        assert!(
            ms <= 210,
            "we waited {ms} ms for the sleepy supplier: give up after {} ms",
            PATIENCE.as_millis()
        );
        assert_eq!(
            price, LIST_PRICE,
            "without an answer in time, use the list price"
        );
    }
}
