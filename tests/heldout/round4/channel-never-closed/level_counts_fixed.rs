// Log tailer: one reader task per log file sends its lines to the main
// task, which counts lines per level across all files.
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;

async fn tail_file(name: &'static str, contents: &'static str, tx: mpsc::Sender<(&'static str, String)>) {
    for line in contents.lines() {
        tokio::time::sleep(Duration::from_millis(3)).await;
        if tx.send((name, line.to_string())).await.is_err() {
            return;
        }
    }
}

#[tokio::main]
async fn main() {
    let files = [
        ("api.log", "INFO boot\nWARN slow db\nINFO request\nERROR 502 upstream"),
        ("worker.log", "INFO job 1\nINFO job 2\nERROR job 3 crashed"),
        ("cron.log", "INFO nightly backup\nINFO done"),
    ];
    let (tx, mut rx) = mpsc::channel(16);
    for (name, contents) in files {
        tokio::spawn(tail_file(name, contents, tx.clone()));
    }
    drop(tx);

    let mut per_level: BTreeMap<String, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    while let Some((file, line)) = rx.recv().await {
        let level = line.split_whitespace().next().unwrap_or("?").to_string();
        if level == "ERROR" {
            errors.push(format!("{file}: {line}"));
        }
        *per_level.entry(level).or_default() += 1;
    }
    println!("levels: {per_level:?}");
    for e in errors {
        println!("  {e}");
    }
}
