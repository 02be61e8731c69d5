// Scheduler: nightly jobs implement a synchronous `Job` trait (it predates the
// async rewrite); some implementations still need async I/O internally.
use std::sync::Arc;
use tokio::runtime::Handle;
use tokio::time::{sleep, Duration};

trait Job: Send + Sync {
    fn name(&self) -> &str;
    fn run(&self) -> String;
}

struct PurgeTempFiles;

impl Job for PurgeTempFiles {
    fn name(&self) -> &str {
        "purge-tmp"
    }
    fn run(&self) -> String {
        "removed 14 stale uploads".to_string()
    }
}

async fn fetch_daily_revenue(region: &str) -> u64 {
    sleep(Duration::from_millis(30)).await; // warehouse query
    match region {
        "eu" => 48_210,
        _ => 91_004,
    }
}

struct RevenueReport {
    rt: Handle,
    regions: Vec<&'static str>,
}

impl Job for RevenueReport {
    fn name(&self) -> &str {
        "revenue-report"
    }
    fn run(&self) -> String {
        let mut total = 0;
        for region in &self.regions {
            total += self.rt.block_on(fetch_daily_revenue(region));
        }
        format!("revenue across {} regions: {total}", self.regions.len())
    }
}

async fn run_due(jobs: Vec<Arc<dyn Job>>) -> Vec<String> {
    let mut log = Vec::new();
    for job in jobs {
        let name = job.name().to_string();
        let outcome = job.run();
        println!("{name}: {outcome}");
        log.push(format!("{name}: {outcome}"));
    }
    log
}

#[tokio::main]
async fn main() {
    let jobs: Vec<Arc<dyn Job>> = vec![
        Arc::new(PurgeTempFiles),
        Arc::new(RevenueReport { rt: Handle::current(), regions: vec!["eu", "us"] }),
    ];
    let log = run_due(jobs).await;
    println!("{} jobs finished", log.len());
}
