// Phase 3: futures and async/await. Channels between tasks.
//
// An mpsc channel carries values from many senders to one receiver.
// `rx.recv().await` suspends the receiving fn until a value arrives, and
// gives `None` only when the channel is closed: when every `Sender` (the
// original and all its clones) has been dropped. While one `Sender` is
// alive, more values might still come, so the receiver keeps waiting:
// `while let Some(x) = rx.recv().await` never ends.
//
// Fix `collect_orders` so that its loop ends once every table is done.
// Done when the tests pass (as shipped, the test gives up after 5 s of
// the test's virtual clock: it does not wait forever).

use std::time::Duration;
use tokio::sync::mpsc;

// Each table, a task of its own, sends two orders to the kitchen.
async fn collect_orders(tables: u32) -> Vec<String> {
    let (tx, mut rx) = mpsc::channel(16);
    for table in 1..=tables {
        let tx = tx.clone();
        tokio::spawn(async move {
            for dish in 1..=2 {
                tokio::time::sleep(Duration::from_millis(10)).await;
                let order = format!("table {table}, dish {dish}");
                tx.send(order).await.expect("the kitchen has closed");
            }
        });
    }
    // The tasks hold their own clones; drop ours so the channel can close.
    drop(tx);
    let mut orders = Vec::new();
    while let Some(order) = rx.recv().await {
        orders.push(order);
    }
    orders
}

#[tokio::main]
async fn main() {
    for order in collect_orders(2).await {
        println!("{order}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    #[tokio::test(start_paused = true)]
    async fn the_kitchen_stops_waiting_when_the_tables_are_done() {
        let Ok(mut orders) = timeout(Duration::from_secs(5), collect_orders(3)).await else {
            panic!(
                "after 5 s the kitchen was still waiting for orders, though every table was \
                 done long before: the channel never closed, because a Sender is still alive"
            );
        };
        orders.sort();
        assert_eq!(orders.len(), 6, "3 tables send 2 orders each: {orders:?}");
        assert_eq!(orders[0], "table 1, dish 1");
    }
}
