// CI runner: execute a pipeline's steps in order and report each outcome.
use tokio::time::{sleep, Duration, Instant};

struct Step {
    name: &'static str,
    work_ms: u64,
    passes: bool,
}

impl Step {
    async fn execute(&self) -> Result<Duration, String> {
        let started = Instant::now();
        sleep(Duration::from_millis(self.work_ms)).await;
        if self.passes {
            Ok(started.elapsed())
        } else {
            Err(format!("{} exited with status 1", self.name))
        }
    }
}

async fn run_pipeline(steps: &[Step]) -> Vec<(&'static str, Result<Duration, String>)> {
    let mut outcomes = Vec::new();
    for s in steps {
        outcomes.push((s.name, s.execute().await));
    }
    outcomes
}

#[tokio::main]
async fn main() {
    let steps = [
        Step { name: "checkout", work_ms: 20, passes: true },
        Step { name: "cargo build", work_ms: 60, passes: true },
        Step { name: "cargo test", work_ms: 40, passes: false },
    ];
    for (name, outcome) in run_pipeline(&steps).await {
        match outcome {
            Ok(d) => println!("[ok]   {name} ({} ms)", d.as_millis()),
            Err(e) => println!("[fail] {e}"),
        }
    }
}
