// Build scheduler: building a target first builds its dependencies
// (depth first), each exactly once, and records the build order.
use std::collections::{HashMap, HashSet};
use std::time::Duration;

struct Workspace {
    deps: HashMap<&'static str, Vec<&'static str>>,
}

impl Workspace {
    async fn build(&self, target: &'static str, done: &mut HashSet<&'static str>, order: &mut Vec<&'static str>) {
        if done.contains(target) {
            return;
        }
        for dep in self.deps.get(target).into_iter().flatten() {
            self.build(dep, done, order).await;
        }
        tokio::time::sleep(Duration::from_millis(5)).await; // rustc
        done.insert(target);
        order.push(target);
    }
}

#[tokio::main]
async fn main() {
    let ws = Workspace {
        deps: HashMap::from([
            ("app", vec!["http", "db", "config"]),
            ("http", vec!["config", "log"]),
            ("db", vec!["log", "pool"]),
            ("pool", vec!["log"]),
        ]),
    };
    let mut done = HashSet::new();
    let mut order = Vec::new();
    ws.build("app", &mut done, &mut order).await;
    println!("build order: {}", order.join(" -> "));
}
