// Phase 3: futures and async/await. Returning futures.
//
// Every async fn and every async block has its own hidden future type, even
// when two of them produce the same kind of value. Three ways to hand a
// future back to your caller:
// - `impl Future<Output = T>`: "some future of T", but ONE hidden type;
// - a boxed future (`dyn Future` behind a pinned pointer): futures of
//   different types, once boxed that way, all have one type;
// - `async fn` in a trait (below): each implementation has its own future
//   type (code that is generic over the trait cannot tell if it is `Send`).
//
// `start_order` returns the grill's future in one branch and the cold
// station's in the other: two types where `impl Future` allows one, so it
// does not compile (E0308: `if` and `else` have incompatible types).
// Fix it, keeping `start_order` a plain fn that returns a future (the tests
// spawn it, so that future must be `Send`). Done when the tests pass.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

trait Station {
    async fn prepare(&self, dish: &'static str) -> String;
}

struct Grill;
struct Cold;
static GRILL: Grill = Grill;
static COLD: Cold = Cold;

impl Station for Grill {
    async fn prepare(&self, dish: &'static str) -> String {
        tokio::time::sleep(Duration::from_millis(200)).await;
        format!("grilled {dish}")
    }
}

impl Station for Cold {
    async fn prepare(&self, dish: &'static str) -> String {
        tokio::time::sleep(Duration::from_millis(50)).await;
        format!("cold {dish}")
    }
}

// Boxed, the two stations' futures have one type: a pinned box of a future.
fn start_order(dish: &'static str) -> Pin<Box<dyn Future<Output = String> + Send>> {
    if dish == "steak" {
        Box::pin(GRILL.prepare(dish))
    } else {
        Box::pin(COLD.prepare(dish))
    }
}

#[tokio::main]
async fn main() {
    println!("{}", start_order("steak").await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn each_dish_goes_to_its_station() {
        let orders = vec![start_order("steak"), start_order("salad")];
        let dishes = futures::future::join_all(orders).await;
        assert_eq!(
            dishes,
            ["grilled steak", "cold salad"],
            "steak is grilled, the rest is cold"
        );
        let dessert = tokio::spawn(start_order("ice cream")).await.unwrap();
        assert_eq!(dessert, "cold ice cream", "a spawned order is served too");
    }
}
