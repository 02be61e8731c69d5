use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::{sleep, Duration};

#[derive(Debug)]
struct Report {
    customer: u32,
    invoices: usize,
}

async fn generate_report(customer: u32) -> Report {
    // query the billing database
    sleep(Duration::from_millis(30 + (customer as u64 % 4) * 20)).await;
    Report { customer, invoices: (customer as usize * 7) % 11 }
}

#[tokio::main]
async fn main() {
    let finished: Arc<Mutex<Vec<Report>>> = Arc::new(Mutex::new(Vec::new()));
    let customers = [101, 102, 103, 104, 105, 106, 107, 108];

    for customer in customers {
        let finished = Arc::clone(&finished);
        tokio::spawn(async move {
            let report = generate_report(customer).await;
            finished.lock().await.push(report);
        });
    }

    let finished = finished.lock().await;
    println!("nightly run: {} of {} reports generated", finished.len(), customers.len());
    for r in finished.iter() {
        println!("  customer {} has {} open invoices", r.customer, r.invoices);
    }
}
