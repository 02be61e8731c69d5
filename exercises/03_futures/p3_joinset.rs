// Phase 3: futures and async/await. Collecting results as they finish.
//
// Spawned tasks run at the same time, but they finish in their own order: a
// salad is ready long before a roast. Awaiting the JoinHandles one by one, in
// the order the tasks were spawned, makes the salad wait behind the roast
// even though it is ready.
//
// What the kitchen needs is a set of tasks that it can ask: "give me the next
// one that finishes". tokio has one.
//
// Fix `run_kitchen` so that it serves each dish as soon as it is ready.
// Done when the tests pass.

use std::time::Duration;
use tokio::task::JoinSet;

async fn cook(dish: &'static str, minutes: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(minutes * 10)).await;
    dish
}

// Cooks every order at once, and calls `serve` with each dish when it is ready.
async fn run_kitchen(orders: &[(&'static str, u64)], mut serve: impl FnMut(&'static str)) {
    // TODO: these handles are awaited in the order the dishes were ordered.
    // Put the tasks in a JoinSet and serve whichever finishes next.
    let mut handles = Vec::new();
    for &(dish, minutes) in orders {
        handles.push(tokio::spawn(cook(dish, minutes)));
    }
    for handle in handles {
        serve(handle.await.expect("a cook failed"));
    }
}

#[tokio::main]
async fn main() {
    run_kitchen(&[("roast", 30), ("salad", 5)], |dish| {
        println!("served {dish}")
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn each_dish_is_served_when_it_is_ready() {
        let start = Instant::now();
        let mut served = Vec::new();
        let orders = [("roast", 30), ("soup", 20), ("salad", 5)];
        run_kitchen(&orders, |dish| {
            served.push((dish, start.elapsed().as_millis()))
        })
        .await;
        for (dish, ms) in &served {
            let ready = orders.iter().find(|o| o.0 == *dish).unwrap().1 as u128 * 10;
            assert!(
                *ms <= ready + 5,
                "the {dish} was ready after {ready} ms but served after {ms} ms: \
                 it waited behind a dish that was ordered earlier but cooks longer"
            );
        }
        let order: Vec<_> = served.iter().map(|s| s.0).collect();
        assert_eq!(
            order,
            ["salad", "soup", "roast"],
            "dishes are served as they are ready"
        );
    }
}
