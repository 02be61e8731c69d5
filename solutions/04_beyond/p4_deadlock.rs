// A deadlock to find.
//
// A deadlock is a wait for something that can never happen. Two tasks each
// hold what the other needs, and each waits for the other to let go: nobody
// moves, ever. The event loop is not blocked (every task is politely paused
// at an `.await`), yet no task can ever continue, and the program just hangs.
//
// Two waiters move cash between the tills. One takes the bar's till, then the
// kitchen's; the other takes the kitchen's, then the bar's. Each gets its
// first till, counts the cash, then waits forever for the second. Fix
// `transfer` so this can never happen, still holding both tills while the
// cash moves. Done when both transfers finish and no cash vanished.

use std::time::Duration;
use tokio::sync::Mutex;

struct Till {
    id: u32,
    cash: Mutex<u32>,
}

async fn transfer(from: &Till, to: &Till, amount: u32) {
    let from_first = from.id < to.id;
    let (first, second) = if from_first { (from, to) } else { (to, from) };
    let mut first = first.cash.lock().await;
    tokio::time::sleep(Duration::from_millis(10)).await; // counting the cash
    let mut second = second.cash.lock().await;
    let (from_cash, to_cash) = if from_first {
        (&mut *first, &mut *second)
    } else {
        (&mut *second, &mut *first)
    };
    *from_cash -= amount;
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

    #[tokio::test(start_paused = true)]
    async fn both_transfers_finish() {
        let tills = tokio::time::timeout(Duration::from_secs(1), end_of_shift())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "deadlock: after 1 s neither transfer had finished; each waiter holds one \
                 till and waits forever for the other's"
                )
            });
        assert_eq!(
            tills,
            (120, 80),
            "cash went missing: bar 100+50-30, kitchen 100+30-50"
        );
    }
}
