use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

type Job = Pin<Box<dyn Future<Output = String> + Send>>;

struct Scheduler {
    queue: Vec<(String, Job)>,
}

impl Scheduler {
    fn new() -> Self {
        Scheduler { queue: Vec::new() }
    }

    fn add<F>(&mut self, name: &str, fut: F)
    where
        F: Future<Output = String> + Send + 'static,
    {
        self.queue.push((name.to_string(), Box::pin(fut)));
    }

    /// Runs every queued job on the runtime and reports in queue order.
    async fn run_all(self) -> Vec<String> {
        let handles: Vec<_> = self
            .queue
            .into_iter()
            .map(|(name, job)| (name, tokio::spawn(job)))
            .collect();
        let mut report = Vec::new();
        for (name, h) in handles {
            report.push(format!("{name}: {}", h.await.unwrap()));
        }
        report
    }
}

async fn vacuum_db(table: &'static str) -> String {
    tokio::time::sleep(Duration::from_millis(30)).await;
    format!("vacuumed {table}")
}

async fn rotate_logs(keep: u32) -> String {
    tokio::time::sleep(Duration::from_millis(10)).await;
    format!("kept last {keep} log files")
}

#[tokio::main]
async fn main() {
    let mut s = Scheduler::new();
    s.add("vacuum", vacuum_db("orders"));
    s.add("logs", rotate_logs(7));
    s.add("ping", async { "pong".to_string() });
    for line in s.run_all().await {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn reports_in_queue_order() {
        let mut s = Scheduler::new();
        s.add("slow", vacuum_db("t"));
        s.add("fast", async { "x".to_string() });
        let r = s.run_all().await;
        assert_eq!(r, vec!["slow: vacuumed t".to_string(), "fast: x".to_string()]);
    }
}
