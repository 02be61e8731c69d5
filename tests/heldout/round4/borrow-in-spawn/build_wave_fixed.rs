// Build scheduler: every target of the current wave is built in its own
// task; each task looks up its flags in the shared build profile.
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

struct Profile {
    opt_level: u8,
    features: HashMap<&'static str, Vec<&'static str>>,
}

async fn build(target: &str, flags: String) -> String {
    tokio::time::sleep(Duration::from_millis(20)).await;
    format!("{target} built with {flags}")
}

#[tokio::main]
async fn main() {
    let profile = Arc::new(Profile {
        opt_level: 2,
        features: HashMap::from([("server", vec!["tls", "metrics"]), ("cli", vec!["color"])]),
    });
    let wave = vec!["proto", "server", "cli"];

    let mut handles = Vec::new();
    for target in wave {
        let profile = Arc::clone(&profile);
        handles.push(tokio::spawn(async move {
            let feats = profile.features.get(target).map(|f| f.join(",")).unwrap_or_default();
            let flags = format!("-O{} features=[{}]", profile.opt_level, feats);
            build(target, flags).await
        }));
    }
    for h in handles {
        println!("{}", h.await.unwrap());
    }
}
