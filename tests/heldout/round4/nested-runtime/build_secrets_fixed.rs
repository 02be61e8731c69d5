// Build scheduler: before each build, resolve the secrets the build needs
// from a local secrets agent task (request/response over channels).
use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};

type Request = (String, oneshot::Sender<Option<String>>);

async fn agent(mut rx: mpsc::Receiver<Request>) {
    let vault = HashMap::from([
        ("REGISTRY_TOKEN", "tok-3f9a"),
        ("SIGNING_KEY", "key-77c1"),
    ]);
    while let Some((name, reply)) = rx.recv().await {
        let _ = reply.send(vault.get(name.as_str()).map(|s| s.to_string()));
    }
}

async fn lookup(agent: &mpsc::Sender<Request>, name: &str) -> Option<String> {
    let (tx, rx) = oneshot::channel();
    agent.send((name.to_string(), tx)).await.ok()?;
    rx.await.ok().flatten()
}

async fn resolve_env(agent: &mpsc::Sender<Request>, names: &[&str]) -> Vec<(String, String)> {
    let mut env = Vec::new();
    for n in names {
        let value = lookup(agent, n).await.unwrap_or_else(|| "<missing>".into());
        env.push((n.to_string(), value));
    }
    env
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = mpsc::channel(8);
    tokio::spawn(agent(rx));

    let builds = [("api", vec!["REGISTRY_TOKEN"]), ("release", vec!["REGISTRY_TOKEN", "SIGNING_KEY", "NPM_TOKEN"])];
    for (target, secrets) in builds {
        let env = resolve_env(&tx, &secrets).await;
        println!("build {target}:");
        for (k, v) in env {
            println!("  {k}={v}");
        }
    }
}
