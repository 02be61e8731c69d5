use std::collections::HashMap;
use std::path::Path;

#[derive(Debug)]
struct Config {
    listen: String,
    workers: usize,
}

async fn read_config(path: &Path) -> std::io::Result<Config> {
    let text = tokio::fs::read_to_string(path).await?;
    let map: HashMap<&str, &str> = text
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    Ok(Config {
        listen: map.get("listen").unwrap_or(&"127.0.0.1:8080").to_string(),
        workers: map.get("workers").and_then(|w| w.parse().ok()).unwrap_or(1),
    })
}

// Used by the server and by the admin tool.
async fn load_config(path: &Path) -> Config {
    read_config(path).await.expect("config file")
}

#[tokio::main]
async fn main() {
    let path = std::env::temp_dir().join(format!("server_{}.conf", std::process::id()));
    tokio::fs::write(&path, "listen = 127.0.0.1:9000\nworkers = 4\n").await.unwrap();

    let config = load_config(&path).await;
    println!("listening on {} with {} workers", config.listen, config.workers);
    tokio::fs::remove_file(&path).await.unwrap();
    assert_eq!(config.workers, 4);
}
