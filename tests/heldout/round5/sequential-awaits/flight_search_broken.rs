use std::time::Duration;
use tokio::time::Instant;

async fn query_airline(airline: &str, from: &str, to: &str) -> Option<u32> {
    // every partner API takes about 300 ms
    tokio::time::sleep(Duration::from_millis(300)).await;
    let seed = airline.len() as u32 * 31 + from.len() as u32 * 7 + to.len() as u32;
    if airline == "Oceanic" && to == "SYD" {
        None
    } else {
        Some(80 + seed % 170)
    }
}

async fn cheapest_fare(from: &str, to: &str) -> Option<(&'static str, u32)> {
    let sky = query_airline("SkyHigh", from, to).await;
    let budget = query_airline("BudgetAir", from, to).await;
    let oceanic = query_airline("Oceanic", from, to).await;

    [("SkyHigh", sky), ("BudgetAir", budget), ("Oceanic", oceanic)]
        .into_iter()
        .filter_map(|(name, price)| price.map(|p| (name, p)))
        .min_by_key(|(_, p)| *p)
}

#[tokio::main]
async fn main() {
    for (from, to) in [("LIS", "BER"), ("AMS", "SYD")] {
        let started = Instant::now();
        match cheapest_fare(from, to).await {
            Some((airline, price)) => {
                println!("{from}->{to}: {airline} at EUR {price} (search took {:?})", started.elapsed())
            }
            None => println!("{from}->{to}: no flights"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn search_finishes_within_one_round_trip() {
        let started = Instant::now();
        let best = cheapest_fare("LIS", "BER").await;
        assert!(best.is_some());
        assert!(started.elapsed() < Duration::from_millis(400), "took {:?}", started.elapsed());
    }
}
