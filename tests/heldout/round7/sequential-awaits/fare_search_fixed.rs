// Travel site: ask every airline API for a fare and show the cheapest one.
// The search page has a 500 ms budget; no single airline takes longer than 400 ms.
use tokio::time::{sleep, Duration, Instant};

#[derive(Debug, Clone)]
struct Quote {
    airline: &'static str,
    cents: u64,
}

struct Airline {
    code: &'static str,
    latency_ms: u64,
    base_cents: u64,
}

impl Airline {
    async fn quote(&self, route: &str) -> Quote {
        sleep(Duration::from_millis(self.latency_ms)).await;
        Quote { airline: self.code, cents: self.base_cents + route.len() as u64 * 100 }
    }
}

fn carriers() -> Vec<Airline> {
    vec![
        Airline { code: "LH", latency_ms: 400, base_cents: 18_900 },
        Airline { code: "FR", latency_ms: 250, base_cents: 4_999 },
        Airline { code: "KL", latency_ms: 300, base_cents: 15_500 },
    ]
}

async fn cheapest(airlines: &[Airline], route: &str) -> Quote {
    let quotes = futures::future::join_all(airlines.iter().map(|a| a.quote(route))).await;
    quotes.into_iter().min_by_key(|q| q.cents).expect("no airlines")
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let best = cheapest(&carriers(), "BER-DUB").await;
    println!("cheapest BER-DUB: {} at {}.{:02} EUR", best.airline, best.cents / 100, best.cents % 100);
    println!("search took {} ms", started.elapsed().as_millis());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn search_fits_in_page_budget() {
        let started = Instant::now();
        let best = cheapest(&carriers(), "BER-DUB").await;
        assert_eq!(best.airline, "FR");
        let took = started.elapsed();
        assert!(took < Duration::from_millis(500), "search took {took:?}");
    }
}
