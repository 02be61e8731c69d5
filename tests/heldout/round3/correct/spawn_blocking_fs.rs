use std::io::{BufRead, BufReader};
use std::path::PathBuf;

fn count_errors(path: PathBuf) -> std::io::Result<usize> {
    let file = std::fs::File::open(&path)?;
    let mut errors = 0;
    for line in BufReader::new(file).lines() {
        if line?.contains("ERROR") {
            errors += 1;
        }
    }
    Ok(errors)
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("logscan_{}", std::process::id()));
    tokio::fs::create_dir_all(&dir).await.unwrap();
    let mut paths = Vec::new();
    for day in 1..=3 {
        let path = dir.join(format!("app-0{day}.log"));
        let body: String = (0..1_000)
            .map(|i| if i % (day * 50) == 0 { "ERROR db timeout\n" } else { "INFO ok\n" })
            .collect();
        tokio::fs::write(&path, body).await.unwrap();
        paths.push(path);
    }

    let mut handles = Vec::new();
    for path in paths {
        handles.push(tokio::task::spawn_blocking(move || count_errors(path)));
    }
    let mut total = 0;
    for h in handles {
        total += h.await.unwrap().unwrap();
    }
    println!("{total} errors in the last 3 days");
    tokio::fs::remove_dir_all(&dir).await.unwrap();
}
