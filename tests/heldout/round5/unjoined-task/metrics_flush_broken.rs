use std::collections::HashMap;
use std::time::Duration;

#[derive(Default)]
struct MetricsBuffer {
    counters: HashMap<String, u64>,
}

impl MetricsBuffer {
    fn incr(&mut self, name: &str, by: u64) {
        *self.counters.entry(name.to_string()).or_insert(0) += by;
    }
}

async fn export(buffer: MetricsBuffer) -> usize {
    // push to the metrics backend
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut names: Vec<_> = buffer.counters.iter().collect();
    names.sort();
    for (name, value) in &names {
        println!("exported {name}={value}");
    }
    names.len()
}

fn start_exporter(buffer: MetricsBuffer) {
    tokio::spawn(async move {
        let n = export(buffer).await;
        println!("flushed {n} series before shutdown");
    });
}

#[tokio::main]
async fn main() {
    let mut buffer = MetricsBuffer::default();
    for i in 0..42u64 {
        buffer.incr("http.requests", 1);
        buffer.incr(if i % 5 == 0 { "http.errors" } else { "http.ok" }, 1);
        buffer.incr("bytes.out", 512 + i * 3);
    }
    println!("request loop finished, shutting down");
    start_exporter(buffer);
}
