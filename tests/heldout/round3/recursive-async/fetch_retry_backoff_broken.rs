use std::sync::atomic::{AtomicU32, Ordering};
use tokio::time::{sleep, Duration};

static CALLS: AtomicU32 = AtomicU32::new(0);

async fn get_inventory(sku: &str) -> Result<u32, String> {
    sleep(Duration::from_millis(10)).await;
    // the warehouse API is flaky: the first three calls fail
    if CALLS.fetch_add(1, Ordering::SeqCst) < 3 {
        Err(format!("503 Service Unavailable for {sku}"))
    } else {
        Ok(42)
    }
}

async fn fetch_with_retry(sku: &str, attempt: u32, max_attempts: u32) -> Result<u32, String> {
    match get_inventory(sku).await {
        Ok(qty) => Ok(qty),
        Err(e) if attempt < max_attempts => {
            let backoff = Duration::from_millis(20 * 2u64.pow(attempt));
            eprintln!("attempt {attempt} failed ({e}); retrying in {backoff:?}");
            sleep(backoff).await;
            fetch_with_retry(sku, attempt + 1, max_attempts).await
        }
        Err(e) => Err(e),
    }
}

#[tokio::main]
async fn main() {
    match fetch_with_retry("SKU-1138", 1, 5).await {
        Ok(qty) => println!("SKU-1138: {qty} in stock"),
        Err(e) => println!("gave up: {e}"),
    }
}
