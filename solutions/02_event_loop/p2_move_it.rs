// What a spawned task may hold: ownership
//
// `tokio::spawn` makes a future a task of its own, which the loop polls even
// while nobody awaits it. That task may still be running after the function
// that spawned it has returned, and then that function's local variables are
// gone. So a spawned future must own everything it uses (its type must be
// `'static`): it may not borrow from the function that spawned it. (It must
// also be `Send`: the next two exercises are about that.)
//
// An async block borrows what it mentions, unless you tell it to take
// ownership. And when several tasks need the same data, each one needs an
// owner of its own, while the data itself should not be copied for each.
//
// `prepare_orders` does not compile: "async block may outlive the current
// function, but it borrows ..." (E0373).
//
// Done when it compiles and `cargo test` passes: each table gets its dish,
// all of them cooked at the same time.

use std::sync::Arc;
use std::time::Duration;

async fn prepare_orders(menu: Vec<String>, tables: Vec<usize>) -> Vec<String> {
    let menu = Arc::new(menu);
    let mut handles = Vec::new();
    for table in tables {
        // Each task owns a handle to the menu and its own copy of `table`.
        let menu = Arc::clone(&menu);
        let handle = tokio::spawn(async move {
            let dish = &menu[table % menu.len()];
            tokio::time::sleep(Duration::from_millis(100)).await;
            format!("table {table}: {dish}")
        });
        handles.push(handle);
    }
    let mut served = Vec::new();
    for handle in handles {
        served.push(handle.await.expect("a kitchen task failed"));
    }
    served
}

#[tokio::main]
async fn main() {
    let menu = vec!["soup".to_string(), "pie".to_string()];
    for line in prepare_orders(menu, vec![1, 2, 3]).await {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn every_table_gets_its_dish_at_the_same_time() {
        let menu = vec!["soup".to_string(), "pie".to_string(), "tea".to_string()];
        let start = Instant::now();
        let served = prepare_orders(menu, vec![0, 1, 2, 4]).await;
        let ms = start.elapsed().as_millis();
        assert_eq!(
            served,
            [
                "table 0: soup",
                "table 1: pie",
                "table 2: tea",
                "table 4: pie"
            ],
            "each table should get the dish at its number on the menu"
        );
        assert!(
            ms <= 150,
            "the 4 tables took {ms} ms: the tasks should cook at the same time (about 100 ms)"
        );
    }
}
