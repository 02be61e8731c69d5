// Build scheduler: build workers need the toolchain that an installer
// task sets up once. A worker that finds it missing fetches its sources in
// the meantime, then waits for the installer's signal.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

struct Toolchain {
    installed: AtomicBool,
    ready: Notify,
}

async fn fetch_sources(target: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(60)).await;
    target.len() * 10
}

async fn worker(tc: Arc<Toolchain>, target: &'static str) -> String {
    let mut files = 0;
    let ready = tc.ready.notified();
    tokio::pin!(ready);
    ready.as_mut().enable();
    if !tc.installed.load(Ordering::SeqCst) {
        files = fetch_sources(target).await;
        ready.await;
    }
    format!("{target}: built ({files} files fetched while waiting)")
}

#[tokio::main]
async fn main() {
    let tc = Arc::new(Toolchain { installed: AtomicBool::new(false), ready: Notify::new() });
    let installer = {
        let tc = tc.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(25)).await; // unpack rustc
            tc.installed.store(true, Ordering::SeqCst);
            tc.ready.notify_waiters();
            println!("toolchain installed");
        })
    };
    let workers: Vec<_> = ["core", "http", "db"]
        .into_iter()
        .map(|t| tokio::spawn(worker(tc.clone(), t)))
        .collect();
    installer.await.unwrap();
    for w in workers {
        println!("{}", w.await.unwrap());
    }
}
