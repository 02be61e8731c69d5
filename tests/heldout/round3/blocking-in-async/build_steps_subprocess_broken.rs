use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tokio::time::{interval, Duration};

async fn run_step(name: &str, script: &str) -> bool {
    let started = Instant::now();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .status()
        .expect("sh is installed");
    println!("step {name:<8} {:?} in {:?}", status.code(), started.elapsed());
    status.success()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ticks = Arc::new(AtomicU32::new(0));
    let spinner_ticks = Arc::clone(&ticks);
    let spinner = tokio::spawn(async move {
        let mut every = interval(Duration::from_millis(50));
        loop {
            every.tick().await;
            spinner_ticks.fetch_add(1, Ordering::Relaxed);
        }
    });

    let steps = [
        ("lint", "sleep 0.3; true"),
        ("test", "sleep 0.4; true"),
        ("package", "sleep 0.3; true"),
    ];
    for (name, script) in steps {
        if !run_step(name, script).await {
            eprintln!("build failed at {name}");
            break;
        }
    }
    spinner.abort();

    let ticks = ticks.load(Ordering::Relaxed);
    println!("progress spinner ticked {ticks} times");
    assert!(ticks >= 15, "the progress spinner froze during the build");
}
