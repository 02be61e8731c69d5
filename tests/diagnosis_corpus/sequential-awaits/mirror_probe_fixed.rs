use std::time::{Duration, Instant};

trait Mirror {
    async fn latency_ms(&self, host: &str) -> u64;
}

struct Simulated;

impl Mirror for Simulated {
    async fn latency_ms(&self, host: &str) -> u64 {
        let ms = 250 + (host.len() as u64 * 7) % 50;
        tokio::time::sleep(Duration::from_millis(ms)).await;
        ms
    }
}

async fn fastest<M: Mirror>(m: &M, hosts: &[&str]) -> Option<(String, u64)> {
    let probes = hosts.iter().map(|h| async move { (h.to_string(), m.latency_ms(h).await) });
    let results = futures::future::join_all(probes).await;
    results.into_iter().min_by_key(|(_, ms)| *ms)
}

#[tokio::main]
async fn main() {
    let hosts = ["eu.mirror.test", "us.mirror.test", "ap.mirror.test", "sa.mirror.example"];
    let t = Instant::now();
    let best = fastest(&Simulated, &hosts).await;
    println!("fastest mirror {best:?}, probed in {:?}", t.elapsed());
}
