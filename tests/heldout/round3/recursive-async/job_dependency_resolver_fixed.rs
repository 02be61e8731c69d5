use std::collections::HashMap;
use tokio::time::{sleep, Duration};

struct Scheduler {
    deps: HashMap<&'static str, Vec<&'static str>>,
}

impl Scheduler {
    async fn run_job(&self, name: &str) {
        sleep(Duration::from_millis(5)).await;
        println!("ran {name}");
    }

    /// Runs `name` after everything it depends on, each job once.
    async fn run_with_deps(&self, name: &'static str, done: &mut Vec<&'static str>) {
        if done.contains(&name) {
            return;
        }
        for dep in self.deps.get(name).cloned().unwrap_or_default() {
            Box::pin(self.run_with_deps(dep, done)).await;
        }
        self.run_job(name).await;
        done.push(name);
    }
}

#[tokio::main]
async fn main() {
    let mut deps = HashMap::new();
    deps.insert("deploy", vec!["test", "build-image"]);
    deps.insert("build-image", vec!["compile"]);
    deps.insert("test", vec!["compile", "migrate-db"]);
    deps.insert("compile", vec!["fetch-deps"]);
    let scheduler = Scheduler { deps };

    let mut done = Vec::new();
    scheduler.run_with_deps("deploy", &mut done).await;
    println!("order: {}", done.join(" -> "));
    assert_eq!(done.len(), 6);
}
