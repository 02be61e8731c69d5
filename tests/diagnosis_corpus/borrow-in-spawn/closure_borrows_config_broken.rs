// A blocking job compresses a report while a thread of its own audits the
// settings; both read the settings, which main prints at the end.
use std::time::Duration;
use tokio::sync::oneshot;

struct Settings {
    name: String,
    level: u32,
}

fn compress(report: &str, level: u32) -> usize {
    std::thread::sleep(Duration::from_millis(5));
    report.len() / level as usize
}

#[tokio::main]
async fn main() {
    let settings = Settings {
        name: "nightly".to_string(),
        level: 3,
    };
    let (audit_tx, audit_rx) = oneshot::channel();
    std::thread::spawn(|| {
        let _ = audit_tx.send(format!("{} audited", settings.name));
    });
    let job =
        tokio::task::spawn_blocking(|| compress("a long report about the night", settings.level));
    let size = job.await.unwrap();
    println!("{}", audit_rx.await.unwrap());
    println!("{} compressed to {size} bytes", settings.name);
}
