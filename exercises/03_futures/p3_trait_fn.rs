// Async methods in a trait.
//
// A trait says what a type can do; since Rust 1.75 it can also say that a
// method must wait: the trait's method is then async, every implementation
// of it returns a future (usually written as an `async fn`), and whoever
// calls it gets a future and `.await`s it.
//
// The `Menu` trait was written for a printed menu, looked up in memory. Now
// there is also a menu on a remote server, and looking a dish up there means
// waiting for the network. A plain `fn` cannot wait: the compiler refuses the
// `.await` in `RemoteMenu::price`. Fix the trait and the code around it.
// Done when both menus give the right totals, and the remote one takes one
// round trip per dish.

use std::time::Duration;
use tokio::time::sleep;

trait Menu {
    /// The price of a dish in cents, if the menu has it.
    fn price(&self, dish: &str) -> Option<u32>;
}

struct PrintedMenu;

impl Menu for PrintedMenu {
    fn price(&self, dish: &str) -> Option<u32> {
        match dish {
            "soup" => Some(450),
            "pie" => Some(380),
            _ => None,
        }
    }
}

/// The same dishes, 50 cents dearer, on a server `round_trip_ms` away.
struct RemoteMenu {
    round_trip_ms: u64,
}

impl Menu for RemoteMenu {
    fn price(&self, dish: &str) -> Option<u32> {
        sleep(Duration::from_millis(self.round_trip_ms)).await; // the network
        PrintedMenu.price(dish).map(|cents| cents + 50)
    }
}

/// What an order costs on any menu; `None` if the menu lacks a dish.
fn total<M: Menu>(menu: &M, dishes: &[&str]) -> Option<u32> {
    let mut sum = 0;
    for dish in dishes {
        sum += menu.price(dish)?;
    }
    Some(sum)
}

#[tokio::main]
async fn main() {
    println!(
        "{:?}",
        total(&RemoteMenu { round_trip_ms: 100 }, &["soup", "pie"])
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn both_menus_price_the_order() {
        assert_eq!(total(&PrintedMenu, &["soup", "pie"]).await, Some(830));
        assert_eq!(
            total(&PrintedMenu, &["soup", "fish"]).await,
            None,
            "no fish here"
        );
        let start = Instant::now();
        let remote = RemoteMenu { round_trip_ms: 100 };
        assert_eq!(total(&remote, &["soup", "pie"]).await, Some(930));
        let ms = start.elapsed().as_millis();
        assert_eq!(
            ms, 200,
            "two dishes, one 100 ms round trip each: 200 ms, not {ms}"
        );
    }
}
