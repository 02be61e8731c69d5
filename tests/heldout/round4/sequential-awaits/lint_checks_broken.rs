// CI runner: the "checks" stage runs independent checks on the same
// commit and fails the stage if any of them fails.
use std::time::{Duration, Instant};

struct Check {
    name: &'static str,
    millis: u64,
    passes: bool,
}

async fn run_check(check: &Check, commit: &str) -> Result<String, String> {
    // each check is a remote job that takes a while
    tokio::time::sleep(Duration::from_millis(check.millis)).await;
    if check.passes {
        Ok(format!("{} ok on {commit}", check.name))
    } else {
        Err(format!("{} failed on {commit}", check.name))
    }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let commit = "9f2c1e7";
    let checks = [
        Check { name: "clippy", millis: 450, passes: true },
        Check { name: "rustfmt", millis: 400, passes: true },
        Check { name: "license-scan", millis: 500, passes: true },
        Check { name: "secret-scan", millis: 450, passes: false },
        Check { name: "spellcheck", millis: 350, passes: true },
        Check { name: "deny", millis: 500, passes: true },
        Check { name: "semver", millis: 450, passes: true },
        Check { name: "msrv", millis: 500, passes: true },
    ];
    let mut results = Vec::new();
    for check in &checks {
        results.push(run_check(check, commit).await);
    }
    let failed = results.iter().filter(|r| r.is_err()).count();
    for r in &results {
        match r {
            Ok(m) => println!("  {m}"),
            Err(m) => println!("  FAIL {m}"),
        }
    }
    println!("stage {} in {:.1}s", if failed == 0 { "passed" } else { "failed" }, started.elapsed().as_secs_f32());
}
