// A tiny CI runner: each pipeline step runs a (simulated) command and
// reports whether it succeeded. The pipeline stops at the first failure.
use std::time::Duration;

struct StepResult {
    success: bool,
    log: String,
}

struct Runner {
    workdir: String,
}

impl Runner {
    async fn run_step(&self, name: &str) -> StepResult {
        tokio::time::sleep(Duration::from_millis(30)).await;
        let success = name != "deploy-prod";
        StepResult {
            success,
            log: format!("[{}] {} -> {}", self.workdir, name, if success { "ok" } else { "denied" }),
        }
    }
}

#[tokio::main]
async fn main() {
    let runner = Runner { workdir: "/builds/app".to_string() };
    let steps = ["checkout", "lint", "test", "package"];
    let mut passed = 0;
    for step in steps {
        let result = runner.run_step(step);
        println!("{}", result.log);
        if !result.success {
            println!("pipeline failed at {step}");
            break;
        }
        passed += 1;
    }
    println!("{passed}/{} steps passed", steps.len());
}
