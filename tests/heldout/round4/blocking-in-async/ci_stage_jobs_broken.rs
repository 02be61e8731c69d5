// CI runner: run the jobs of a pipeline stage concurrently, each as an
// external command, while a reporter prints progress every 200 ms.
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

async fn run_job(name: &str, script: &str) -> (String, bool, String) {
    let out = Command::new("sh").arg("-c").arg(script).output().expect("spawn sh");
    let stdout = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (name.to_string(), out.status.success(), stdout)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let done = Arc::new(AtomicUsize::new(0));
    let jobs = [
        ("unit", "sleep 0.5; echo 214 passed"),
        ("lint", "sleep 0.5; echo clean"),
        ("docs", "sleep 0.5; echo built"),
        ("audit", "sleep 0.5; echo 0 advisories"),
        ("fmt", "sleep 0.5; echo formatted"),
        ("e2e", "sleep 0.5; echo 12 passed; exit 1"),
    ];
    let total = jobs.len();
    let d = done.clone();
    let reporter = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(200)).await;
            println!("  .. {}/{total} jobs done", d.load(Ordering::SeqCst));
        }
    });
    let mut handles = Vec::new();
    for (name, script) in jobs {
        let done = done.clone();
        handles.push(tokio::spawn(async move {
            let r = run_job(name, script).await;
            done.fetch_add(1, Ordering::SeqCst);
            r
        }));
    }
    for h in handles {
        let (name, ok, out) = h.await.unwrap();
        println!("{name}: {} ({out})", if ok { "pass" } else { "FAIL" });
    }
    reporter.abort();
    println!("stage finished in {:.1}s", started.elapsed().as_secs_f32());
}
