use std::time::Duration;

struct RateService {
    base: &'static str,
}

impl RateService {
    async fn fetch_rate(&self, to: &str) -> f64 {
        // exchange API round trip
        tokio::time::sleep(Duration::from_millis(15)).await;
        match (self.base, to) {
            ("EUR", "USD") => 1.08,
            ("EUR", "GBP") => 0.86,
            ("EUR", "JPY") => 162.5,
            _ => 1.0,
        }
    }

    /// Helper for the pricing code, which just wants a number.
    fn convert(&self, amount: f64, to: &str) -> f64 {
        let rate = tokio::runtime::Handle::current().block_on(self.fetch_rate(to));
        (amount * rate * 100.0).round() / 100.0
    }
}

#[tokio::main]
async fn main() {
    let rates = RateService { base: "EUR" };
    for (amount, to) in [(100.0, "USD"), (42.5, "GBP"), (9.99, "JPY")] {
        let converted = rates.convert(amount, to);
        println!("{amount:>8.2} EUR = {converted:>10.2} {to}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn converts_eur_to_usd() {
        let rates = RateService { base: "EUR" };
        assert_eq!(rates.convert(100.0, "USD"), 108.0);
    }

    #[tokio::test(start_paused = true)]
    async fn unknown_currency_is_identity() {
        let rates = RateService { base: "EUR" };
        assert_eq!(rates.convert(12.34, "XYZ"), 12.34);
    }
}
