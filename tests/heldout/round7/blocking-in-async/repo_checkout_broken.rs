// CI agent: prepare several repositories at once by shelling out to the VCS tool,
// while a progress spinner keeps the operator informed.
use futures::future::join_all;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tokio::time::{interval, Duration, Instant};

async fn checkout(repo: &str) -> String {
    // `sleep 0.4` stands in for a shallow clone over the network.
    let script = format!("sleep 0.4; echo cloned {repo}");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .expect("failed to spawn sh");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let spins = Arc::new(AtomicU32::new(0));
    let spinner = {
        let spins = spins.clone();
        tokio::spawn(async move {
            let mut every = interval(Duration::from_millis(50));
            loop {
                every.tick().await;
                spins.fetch_add(1, Ordering::Relaxed);
            }
        })
    };

    let repos = ["api", "web", "worker", "docs"];
    let started = Instant::now();
    let results = join_all(repos.iter().map(|r| checkout(r))).await;
    let elapsed = started.elapsed();
    spinner.abort();

    for line in &results {
        println!("{line}");
    }
    println!(
        "{} checkouts in {} ms, spinner ticked {} times",
        results.len(),
        elapsed.as_millis(),
        spins.load(Ordering::Relaxed)
    );
    assert!(
        elapsed < Duration::from_millis(1000),
        "checkouts did not overlap ({elapsed:?}): the runtime thread was stuck"
    );
}
