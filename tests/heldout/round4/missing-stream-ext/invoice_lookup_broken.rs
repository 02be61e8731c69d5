// Rate-limited API client: look up invoices against a local mock API, at
// most 3 requests in flight, and total the open amounts.
use futures::stream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

struct MockApi {
    open: AtomicUsize,
    peak: AtomicUsize,
}

impl MockApi {
    async fn invoice(&self, id: u32) -> Result<(u32, u64), String> {
        let now = self.open.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(20)).await;
        self.open.fetch_sub(1, Ordering::SeqCst);
        if id % 5 == 0 {
            Err(format!("invoice {id}: 404"))
        } else {
            Ok((id, id as u64 * 125))
        }
    }
}

#[tokio::main]
async fn main() {
    let api = Arc::new(MockApi { open: AtomicUsize::new(0), peak: AtomicUsize::new(0) });
    let results: Vec<Result<(u32, u64), String>> = stream::iter(1..=12)
        .map(|id| {
            let api = api.clone();
            async move { api.invoice(id).await }
        })
        .buffer_unordered(3)
        .collect()
        .await;
    let open_cents: u64 = results.iter().filter_map(|r| r.as_ref().ok()).map(|(_, c)| c).sum();
    let missing: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    println!("open amount: {:.2} EUR over {} invoices", open_cents as f64 / 100.0, results.len() - missing.len());
    println!("missing: {missing:?}");
    println!("peak requests in flight: {}", api.peak.load(Ordering::SeqCst));
}
