// Wrong fix: takes the cash out of the first till and lets it go before taking the second: the hang ends, but for a moment the cash is in neither till, and the text says to hold both while it moves.
// A deadlock to find.
//
// A deadlock is a wait for something that can never happen. Two futures each
// hold what the other needs, and each waits for the other to let go: nobody
// moves, ever. Nothing blocks the thread: each future waits at an `.await`
// for a lock, so the task is pending and the waiter (the loop's thread) is
// free, but no bell will ever ring for it, and the program just hangs.
//
// `end_of_shift` runs two transfers side by side, two futures in one
// `join!` (so in one task). One takes the bar's till, then the kitchen's; the
// other takes the kitchen's, then the bar's. Each gets its first till, counts
// the cash, then waits forever for the second. Fix `transfer` so this can
// never happen, still holding both tills while the cash moves: the manager
// counts all the cash now and then, with both tills in hand, and must always
// find 200. Done when the tests pass.

use std::time::Duration;
use tokio::sync::Mutex;

struct Till {
    id: u32,
    cash: Mutex<u32>,
}

async fn transfer(from: &Till, to: &Till, amount: u32) {
    let mut from_cash = from.cash.lock().await;
    tokio::time::sleep(Duration::from_millis(10)).await; // counting the cash
    *from_cash -= amount;
    drop(from_cash); // let go of the first till before taking the second
    let mut to_cash = to.cash.lock().await;
    *to_cash += amount;
}

async fn end_of_shift() -> (u32, u32) {
    let bar = Till {
        id: 1,
        cash: Mutex::new(100),
    };
    let kitchen = Till {
        id: 2,
        cash: Mutex::new(100),
    };
    tokio::join!(transfer(&bar, &kitchen, 30), transfer(&kitchen, &bar, 50));
    (bar.cash.into_inner(), kitchen.cash.into_inner())
}

#[tokio::main]
async fn main() {
    println!("{:?}", end_of_shift().await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use tokio::time::{sleep, timeout};

    /// The manager counts all the cash now and then, holding both tills: the
    /// bar's, then the kitchen's if it comes within 1 ms (if not, the manager
    /// lets go of the bar's and tries again 1 ms later). The first count is
    /// slow, so the transfers start while the manager holds both tills.
    async fn manager(bar: &Till, kitchen: &Till, transfers_done: &Cell<u32>) -> Vec<u32> {
        let mut totals = Vec::new();
        while transfers_done.get() < 2 {
            let bar_cash = bar.cash.lock().await;
            let wait = Duration::from_millis(1);
            if let Ok(kitchen_cash) = timeout(wait, kitchen.cash.lock()).await {
                totals.push(*bar_cash + *kitchen_cash);
                if totals.len() == 1 {
                    sleep(Duration::from_millis(5)).await;
                }
            }
            drop(bar_cash);
            sleep(Duration::from_millis(1)).await;
        }
        totals
    }

    #[tokio::test(start_paused = true)]
    async fn both_transfers_finish_and_no_cash_is_ever_missing() {
        let bar = Till {
            id: 1,
            cash: Mutex::new(100),
        };
        let kitchen = Till {
            id: 2,
            cash: Mutex::new(100),
        };
        let done = Cell::new(0);
        let shift = async {
            let (totals, (), ()) = tokio::join!(
                manager(&bar, &kitchen, &done),
                async {
                    transfer(&bar, &kitchen, 30).await;
                    done.set(done.get() + 1);
                },
                async {
                    transfer(&kitchen, &bar, 50).await;
                    done.set(done.get() + 1);
                },
            );
            totals
        };
        let totals = timeout(Duration::from_secs(1), shift)
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "deadlock: after 1 s the transfers had not finished; each holds one till \
                     and waits forever for the other's"
                )
            });
        assert!(
            totals.iter().all(|&total| total == 200),
            "the manager counted {totals:?}, not always 200: for a moment the cash was in \
             neither till, or in both. Hold both tills while the cash moves"
        );
        assert_eq!(
            (bar.cash.into_inner(), kitchen.cash.into_inner()),
            (120, 80),
            "cash went missing: bar 100+50-30, kitchen 100+30-50"
        );
    }
}
