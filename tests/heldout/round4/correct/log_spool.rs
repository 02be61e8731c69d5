// Log tailer: rotated log chunks are spooled to disk with std::fs on the
// blocking pool, then read back and counted before upload.
use std::path::PathBuf;

async fn spool(dir: PathBuf, name: String, lines: Vec<String>) -> std::io::Result<PathBuf> {
    tokio::task::spawn_blocking(move || {
        let path = dir.join(name);
        std::fs::write(&path, lines.join("\n"))?;
        Ok(path)
    })
    .await
    .expect("spool task")
}

async fn count_errors(path: PathBuf) -> std::io::Result<usize> {
    tokio::task::spawn_blocking(move || {
        let text = std::fs::read_to_string(&path)?;
        Ok(text.lines().filter(|l| l.contains("ERROR")).count())
    })
    .await
    .expect("count task")
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let dir = std::env::temp_dir().join(format!("spool-{}", std::process::id()));
    tokio::task::spawn_blocking({
        let dir = dir.clone();
        move || std::fs::create_dir_all(dir)
    })
    .await
    .unwrap()?;

    let mut spooled = Vec::new();
    for chunk in 0..3 {
        let lines: Vec<String> = (0..50)
            .map(|i| format!("{} chunk {chunk} line {i}", if i % (7 + chunk) == 0 { "ERROR" } else { "INFO" }))
            .collect();
        spooled.push(spool(dir.clone(), format!("app.{chunk}.log"), lines).await?);
    }
    for path in spooled {
        let errors = count_errors(path.clone()).await?;
        println!("{}: {errors} errors", path.file_name().unwrap().to_string_lossy());
    }
    tokio::task::spawn_blocking(move || std::fs::remove_dir_all(dir)).await.unwrap()?;
    Ok(())
}
