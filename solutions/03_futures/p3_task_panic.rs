// Phase 3: futures and async/await. A task that panics, and nobody looks.
//
// When a spawned task panics, tokio does not crash your program: it catches
// the panic at the task's edge, ends that one task, and the event loop
// carries on with the others. The panic message is still printed on stderr,
// but the rest of your code hears of it only by looking at what the task's
// handle gives back. Code that throws that away loses the work without a
// word.
//
// Fix `cook_all` so that it reports every order whose task failed, in the
// order they were given. (The panic message you may see printed is expected:
// it is the cook failing; your job is to notice it.) Done when the tests pass.

use std::sync::{Arc, Mutex};
use std::time::Duration;

// Cooks one order. An order that is not a number makes the cook panic.
async fn cook(order: &str) -> u32 {
    tokio::time::sleep(Duration::from_millis(50)).await;
    order.parse().expect("the cook cannot read this order")
}

// Cooks every order in its own task. Returns every dish (smallest first),
// or, if any task failed, the orders that were lost.
async fn cook_all(orders: &[&'static str]) -> Result<Vec<u32>, Vec<&'static str>> {
    let served = Arc::new(Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for &order in orders {
        let served = Arc::clone(&served);
        handles.push(tokio::spawn(async move {
            let dish = cook(order).await;
            served.lock().unwrap().push(dish);
        }));
    }
    let mut lost = Vec::new();
    for (&order, handle) in orders.iter().zip(handles) {
        // A task that panicked gives Err(JoinError): look at it.
        if handle.await.is_err() {
            lost.push(order);
        }
    }
    if !lost.is_empty() {
        return Err(lost);
    }
    let mut dishes = served.lock().unwrap().clone();
    dishes.sort();
    Ok(dishes)
}

#[tokio::main]
async fn main() {
    println!("{:?}", cook_all(&["3", "1", "2"]).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn good_orders_are_all_served() {
        assert_eq!(cook_all(&["3", "1", "2"]).await, Ok(vec![1, 2, 3]));
    }

    #[tokio::test(start_paused = true)]
    async fn lost_orders_are_reported() {
        let result = cook_all(&["3", "three", "5", "x"]).await;
        assert_eq!(
            result,
            Err(vec!["three", "x"]),
            "two cooks panicked on 'three' and 'x', yet cook_all did not say so: \
             your code hears of a failed task only by awaiting its JoinHandle"
        );
    }
}
