// Monitoring: merge the alert feeds from Prometheus and syslog and page the
// on-call engineer for anything critical.
use futures::stream::{self, Stream, StreamExt};

#[derive(Debug, Clone)]
struct Alert {
    source: &'static str,
    severity: u8,
    summary: String,
}

fn feed(source: &'static str, items: Vec<(u8, &str)>) -> impl Stream<Item = Alert> + Unpin {
    stream::iter(
        items
            .into_iter()
            .map(move |(severity, s)| Alert { source, severity, summary: s.to_string() })
            .collect::<Vec<_>>(),
    )
}

struct Pager {
    threshold: u8,
}

impl Pager {
    async fn page_critical(&self, prom: impl Stream<Item = Alert> + Unpin, syslog: impl Stream<Item = Alert> + Unpin) -> Vec<String> {
        let mut merged = stream::select(prom, syslog);
        let mut pages = Vec::new();
        while let Some(alert) = merged.next().await {
            if alert.severity >= self.threshold {
                pages.push(format!("PAGE [{}] {}", alert.source, alert.summary));
            }
        }
        pages
    }
}

#[tokio::main]
async fn main() {
    let prom = feed("prometheus", vec![(2, "disk 81% on db-2"), (4, "api p99 > 2s"), (1, "cert renews in 20d")]);
    let syslog = feed("syslog", vec![(5, "kernel: Out of memory: Killed process 4121"), (2, "sshd: failed login")]);
    let pager = Pager { threshold: 4 };
    for p in pager.page_critical(prom, syslog).await {
        println!("{p}");
    }
}
