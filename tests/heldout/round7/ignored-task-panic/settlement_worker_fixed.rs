// Payments: a settlement worker drains today's invoices and streams the
// settled amounts back; the caller totals them up for the payout file.
use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

struct Invoice {
    id: u32,
    amount: &'static str, // as exported by the legacy billing system
}

fn parse_cents(amount: &str) -> u64 {
    let (units, cents) = amount.split_once('.').expect("amount must look like 123.45");
    units.parse::<u64>().unwrap() * 100 + cents.parse::<u64>().unwrap()
}

async fn settle_all(invoices: Vec<Invoice>) -> Result<(usize, u64), String> {
    let (tx, mut rx) = mpsc::channel(8);
    let worker = tokio::spawn(async move {
        for inv in invoices {
            let cents = parse_cents(inv.amount);
            sleep(Duration::from_millis(2)).await; // bank API
            tx.send((inv.id, cents)).await.expect("collector gone");
        }
    });

    let (mut count, mut total) = (0, 0);
    while let Some((_id, cents)) = rx.recv().await {
        count += 1;
        total += cents;
    }
    worker.await.map_err(|e| format!("settlement worker crashed: {e}"))?;
    Ok((count, total))
}

#[tokio::main]
async fn main() {
    let batch = vec![
        Invoice { id: 501, amount: "120.00" },
        Invoice { id: 502, amount: "89.90" },
        Invoice { id: 503, amount: "1.250,00" }, // exported with a German locale
        Invoice { id: 504, amount: "15.75" },
    ];
    match settle_all(batch).await {
        Ok((n, cents)) => println!("payout file: {n} invoices, {}.{:02} EUR", cents / 100, cents % 100),
        Err(e) => println!("batch held back for manual review: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn clean_batch_settles_fully() {
        let batch = vec![Invoice { id: 1, amount: "10.00" }, Invoice { id: 2, amount: "0.99" }];
        assert_eq!(settle_all(batch).await, Ok((2, 1099)));
    }

    #[tokio::test(start_paused = true)]
    async fn malformed_invoice_fails_the_batch() {
        let batch = vec![Invoice { id: 1, amount: "10.00" }, Invoice { id: 2, amount: "7,50" }];
        assert!(settle_all(batch).await.is_err(), "a partial payout must not look like success");
    }
}
