// Lesson 2: the first `.await`
//
// Calling an async fn does not give you its result. It gives you a future: a value
// that isn't here yet, like the ticket the kitchen hands the waiter. The dish exists
// only once the kitchen is done, so `bill_line` has to wait for it, and in async code
// a wait suspends this async fn until the dish is ready without freezing the thread:
// while the task has nothing else to do, the waiter (the loop's thread) serves other
// tables meanwhile. `cook` and `price` already wait that way for their timers.
//
// This program does not compile. The compiler talks about `impl Future<Output = ...>`:
// read that as "you are holding a ticket, not a dish". The same mistake shows up twice,
// with two different error messages.
//
// Done when it compiles and `cargo test` passes.

use std::time::Duration;
use tokio::time::sleep;

/// The kitchen cooks a dish; it takes a while.
async fn cook(dish: &str) -> String {
    sleep(Duration::from_millis(200)).await;
    format!("{dish}, served hot")
}

/// The till looks up the price of a dish (it asks the manager, which takes a moment).
async fn price(dish: &str) -> u32 {
    sleep(Duration::from_millis(50)).await;
    dish.len() as u32
}

/// The bill line for a table: the dish, written in capitals, and its price with the tip.
async fn bill_line(table: u32, dish: &str) -> String {
    // TODO: the compiler says `plate` and `cost` are not a String and a number.
    // What are they, and how do you get the String and the number out of them?
    let plate = cook(dish);
    let cost = price(dish) + 3;
    format!("table {table}: {} ({cost} euros)", plate.to_uppercase())
}

#[tokio::main]
async fn main() {
    println!("{}", bill_line(4, "soup").await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_bill_shows_the_dish_and_its_price() {
        let line = bill_line(4, "soup").await;
        assert_eq!(
            line, "table 4: SOUP, SERVED HOT (7 euros)",
            "the bill line should be written from the dish and the price, once they are ready"
        );
    }
}
