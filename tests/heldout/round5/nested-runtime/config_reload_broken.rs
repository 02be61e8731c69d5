use std::collections::HashMap;
use std::time::Duration;

async fn fetch_remote_config(env: &str) -> HashMap<String, String> {
    tokio::time::sleep(Duration::from_millis(20)).await;
    let max_conn = if env == "production" { "256" } else { "16" };
    HashMap::from([
        ("env".to_string(), env.to_string()),
        ("max_conn".to_string(), max_conn.to_string()),
        ("log_level".to_string(), "info".to_string()),
    ])
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(u32, HashMap<String, String>)>(4);

    // watches for config pushes and reloads
    let watcher = tokio::spawn(async move {
        for (version, env) in [(1, "staging"), (2, "production")] {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let values = rt.block_on(fetch_remote_config(env));
            tx.send((version, values)).await.unwrap();
        }
    });

    while let Some((version, cfg)) = rx.recv().await {
        println!("config v{version}: env={} max_conn={}", cfg["env"], cfg["max_conn"]);
    }
    watcher.await.unwrap();
}
