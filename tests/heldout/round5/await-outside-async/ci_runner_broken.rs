use std::time::Duration;

struct Stage {
    name: &'static str,
    duration_ms: u64,
    passes: bool,
}

struct Runner {
    stages: Vec<Stage>,
}

impl Runner {
    fn run_stage(&self, stage: &Stage) -> bool {
        println!("[{}] starting", stage.name);
        tokio::time::sleep(Duration::from_millis(stage.duration_ms)).await;
        println!("[{}] {}", stage.name, if stage.passes { "ok" } else { "FAILED" });
        stage.passes
    }

    async fn run_pipeline(&self) -> Result<usize, &'static str> {
        let mut passed = 0;
        for stage in &self.stages {
            if !self.run_stage(stage) {
                return Err(stage.name);
            }
            passed += 1;
        }
        Ok(passed)
    }
}

#[tokio::main]
async fn main() {
    let runner = Runner {
        stages: vec![
            Stage { name: "fmt", duration_ms: 20, passes: true },
            Stage { name: "clippy", duration_ms: 60, passes: true },
            Stage { name: "unit-tests", duration_ms: 120, passes: true },
            Stage { name: "deploy-preview", duration_ms: 40, passes: true },
        ],
    };
    match runner.run_pipeline().await {
        Ok(n) => println!("pipeline green: {n} stages"),
        Err(stage) => println!("pipeline red at {stage}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn stops_at_first_failing_stage() {
        let runner = Runner {
            stages: vec![
                Stage { name: "build", duration_ms: 10, passes: true },
                Stage { name: "lint", duration_ms: 10, passes: false },
                Stage { name: "test", duration_ms: 10, passes: true },
            ],
        };
        assert_eq!(runner.run_pipeline().await, Err("lint"));
    }

    #[tokio::test(start_paused = true)]
    async fn all_green() {
        let runner = Runner {
            stages: vec![Stage { name: "build", duration_ms: 10, passes: true }],
        };
        assert_eq!(runner.run_pipeline().await, Ok(1));
    }
}
