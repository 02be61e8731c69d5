use tokio::task::JoinSet;

fn parse_amount(raw: &str) -> u64 {
    raw.trim_start_matches('$').parse().expect("amount must be a number")
}

#[tokio::main]
async fn main() {
    let invoices = ["$120", "$75", "$N/A", "$300"];
    let mut set = JoinSet::new();
    for (i, raw) in invoices.iter().enumerate() {
        let raw = raw.to_string();
        set.spawn(async move { (i, parse_amount(&raw)) });
    }

    let mut total = 0;
    let mut failures = 0;
    while let Some(res) = set.join_next().await {
        match res {
            Ok((i, amount)) => {
                println!("invoice {i}: {amount}");
                total += amount;
            }
            Err(e) if e.is_panic() => {
                eprintln!("an invoice could not be parsed: {e}");
                failures += 1;
            }
            Err(e) => {
                eprintln!("invoice task cancelled: {e}");
                failures += 1;
            }
        }
    }
    println!("total billed: ${total} ({failures} invoice(s) need manual review)");
    assert_eq!(failures, 1);
}
