// Phase 3: futures and async/await. `?` in async fns, and errors from several futures.
//
// `?` works inside an async fn just as in any fn, but only on a value that
// is here: a `Result`. Calling an async fn gives you a future of a Result, a
// value that isn't here yet.
//
// When several futures can fail, a join that waits for every one of them
// keeps the guest waiting even after one has already failed, when the order
// is lost anyway. The answer should come as soon as the first error does.
//
// Fix `price_of` (it does not compile), then make `order_total` report a
// failed dish as soon as the kitchen knows. Done when the tests pass.

use std::time::Duration;
use tokio::time::sleep;

// The kitchen's cost of a dish, in cents. It takes a while to answer.
async fn cost_of(dish: &str) -> Result<u32, String> {
    match dish {
        "soup" => sleep(Duration::from_millis(300)).await,
        "bread" => sleep(Duration::from_millis(100)).await,
        _ => {
            sleep(Duration::from_millis(10)).await;
            return Err(format!("{dish} is not on the menu"));
        }
    }
    Ok(if dish == "soup" { 250 } else { 100 })
}

async fn price_of(dish: &str) -> Result<u32, String> {
    let cost = cost_of(dish).await?;
    Ok(cost * 2)
}

async fn order_total(a: &str, b: &str, c: &str) -> Result<u32, String> {
    // try_join! stops at the first error instead of waiting for the others.
    let (a, b, c) = tokio::try_join!(price_of(a), price_of(b), price_of(c))?;
    Ok(a + b + c)
}

#[tokio::main]
async fn main() {
    println!("{:?}", order_total("soup", "bread", "soup").await);
    println!("{:?}", order_total("soup", "fish", "bread").await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn a_good_order_is_priced_in_one_wait() {
        let start = Instant::now();
        let total = order_total("soup", "bread", "soup").await;
        let ms = start.elapsed().as_millis();
        assert_eq!(total, Ok(1200), "soup + bread + soup costs 500 + 200 + 500");
        assert!(
            ms <= 350,
            "pricing took {ms} ms: the three dishes should be priced together (about 300 ms)"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_bad_dish_is_reported_at_once() {
        let start = Instant::now();
        let total = order_total("soup", "fish", "bread").await;
        let ms = start.elapsed().as_millis();
        assert_eq!(total, Err("fish is not on the menu".to_string()));
        assert!(
            ms <= 50,
            "the kitchen knew after 10 ms that fish is not on the menu, but the order said so after \
             {ms} ms: it kept waiting for the other dishes after one had already failed"
        );
    }
}
