// Billing: once an invoice is paid, every subscribed endpoint gets a webhook.
use std::sync::{Arc, Mutex};
use tokio::time::{sleep, Duration};

type DeliveryLog = Arc<Mutex<Vec<String>>>;

async fn post_webhook(endpoint: &str, invoice: u32, log: &DeliveryLog) {
    // HTTPS POST; slower endpoints take longer.
    sleep(Duration::from_millis(20 + endpoint.len() as u64 * 3)).await;
    log.lock().unwrap().push(format!("{endpoint} <- invoice.paid #{invoice}"));
}

async fn dispatch_paid_event(endpoints: &[&str], invoice: u32, log: DeliveryLog) {
    for ep in endpoints {
        let ep = ep.to_string();
        let log = log.clone();
        tokio::spawn(async move {
            post_webhook(&ep, invoice, &log).await;
        });
    }
}

#[tokio::main]
async fn main() {
    let log: DeliveryLog = Arc::default();
    let endpoints = ["https://erp.example/hooks", "https://crm.example/in", "https://slack.example/T0/B1"];
    dispatch_paid_event(&endpoints, 4411, log.clone()).await;

    let delivered = log.lock().unwrap().clone();
    for line in &delivered {
        println!("{line}");
    }
    println!("delivered {}/{} webhooks", delivered.len(), endpoints.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_endpoint_is_notified_before_dispatch_returns() {
        let log: DeliveryLog = Arc::default();
        dispatch_paid_event(&["https://a.example", "https://b.example"], 1, log.clone()).await;
        assert_eq!(log.lock().unwrap().len(), 2);
    }
}
