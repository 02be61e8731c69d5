// Rate-limited API client: a local mock API that allows a few requests per
// window; the client spaces its calls out so that none is rejected.
use std::time::{Duration, Instant};

struct MockApi {
    window_start: Instant,
    used: u32,
    limit: u32,
}

impl MockApi {
    fn call(&mut self, path: &str) -> Result<String, String> {
        if self.window_start.elapsed() >= Duration::from_millis(100) {
            self.window_start = Instant::now();
            self.used = 0;
        }
        if self.used == self.limit {
            return Err(format!("429 for {path}"));
        }
        self.used += 1;
        Ok(format!("200 {path}"))
    }
}

struct Client {
    api: MockApi,
    spacing: Duration,
}

impl Client {
    async fn get(&mut self, path: &str) -> Result<String, String> {
        tokio::time::sleep(self.spacing).await;
        self.api.call(path)
    }
}

fn main() {
    let api = MockApi { window_start: Instant::now(), used: 0, limit: 2 };
    let mut client = Client { api, spacing: Duration::from_millis(55) };
    let started = Instant::now();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let responses = rt.block_on(async {
        let mut out = Vec::new();
        for id in 1..=6 {
            out.push(client.get(&format!("/v1/invoices/{id}")).await);
        }
        out
    });
    let ok = responses.iter().filter(|r| r.is_ok()).count();
    println!("{ok}/{} requests accepted in {:?}", responses.len(), started.elapsed());
    for r in responses.iter().filter(|r| r.is_err()) {
        println!("  rejected: {r:?}");
    }
}
