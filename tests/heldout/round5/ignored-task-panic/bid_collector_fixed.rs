use std::time::Duration;

#[derive(Debug, Default)]
struct Report {
    completed: usize,
    failed: usize,
    best: Option<(String, u32)>,
}

async fn run_bidder(name: String, budget: u32) -> (String, u32) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    let step = 100 / budget.min(100); // budget 0 = misconfigured bidder
    (name, budget - budget % step)
}

async fn collect_bids(bidders: Vec<(&str, u32)>) -> Report {
    let handles: Vec<_> = bidders
        .into_iter()
        .map(|(n, b)| tokio::spawn(run_bidder(n.to_string(), b)))
        .collect();

    let mut report = Report::default();
    for h in handles {
        match h.await {
            Ok((name, bid)) => {
                report.completed += 1;
                if report.best.as_ref().map_or(true, |(_, b)| bid > *b) {
                    report.best = Some((name, bid));
                }
            }
            Err(e) => {
                report.failed += 1;
                eprintln!("bidder task failed: {e}");
            }
        }
    }
    report
}

#[tokio::main]
async fn main() {
    let report = collect_bids(vec![("vintage-cam", 340), ("ghost-bidder", 0), ("retro-fan", 415)]).await;
    println!(
        "auction closed: {} bidders finished, {} failed, winner {:?}",
        report.completed, report.failed, report.best
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn crashed_bidder_is_reported() {
        let r = collect_bids(vec![("a", 50), ("b", 0), ("c", 70)]).await;
        assert_eq!(r.completed, 2);
        assert_eq!(r.failed, 1);
        assert_eq!(r.best, Some(("c".to_string(), 70)));
    }
}
