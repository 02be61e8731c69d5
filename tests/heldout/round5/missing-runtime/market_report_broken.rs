use std::time::Duration;

async fn fetch_quote(symbol: &str) -> f64 {
    // quotes come from a rate-limited feed
    tokio::time::sleep(Duration::from_millis(30)).await;
    symbol.bytes().map(|b| b as f64).sum::<f64>() / 3.0
}

/// Called from the old synchronous reporting code, so it cannot be async itself.
fn build_report(symbols: &[&str]) -> String {
    let quotes = futures::executor::block_on(async {
        let mut out = Vec::new();
        for s in symbols {
            out.push((s.to_string(), fetch_quote(s).await));
        }
        out
    });
    quotes
        .iter()
        .map(|(s, q)| format!("{s:<8}{q:>10.2}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() {
    let report = build_report(&["ACME", "GLOBX", "INITECH", "HOOLI"]);
    println!("closing prices\n{report}");
}

#[cfg(test)]
mod tests {
    #[test]
    fn report_has_one_line_per_symbol() {
        let r = super::build_report(&["AAA", "BBB"]);
        assert_eq!(r.lines().count(), 2);
        assert!(r.starts_with("AAA"));
    }
}
