use tokio::fs::File;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

/// Line sent by producers to mark the end of the export.
const END_MARKER: &str = ".";
const LINES_PER_WRITE: usize = 16;

async fn csv_sink(path: std::path::PathBuf, mut rows: mpsc::Receiver<String>) -> std::io::Result<()> {
    let mut file = File::create(&path).await?;
    file.write_all(b"sku,qty,price\n").await?;
    let mut lines: Vec<String> = Vec::new();
    loop {
        let Some(row) = rows.recv().await else { break };
        if row == END_MARKER {
            break;
        }
        lines.push(row);
        if lines.len() == LINES_PER_WRITE {
            let mut chunk = lines.join("\n");
            chunk.push('\n');
            file.write_all(chunk.as_bytes()).await?;
            lines.clear();
        }
    }
    if !lines.is_empty() {
        let mut chunk = lines.join("\n");
        chunk.push('\n');
        file.write_all(chunk.as_bytes()).await?;
    }
    file.sync_all().await?;
    Ok(())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let path = std::env::temp_dir().join(format!("inventory_export_{}.csv", std::process::id()));
    let (tx, rx) = mpsc::channel::<String>(8);
    let writer = tokio::spawn(csv_sink(path.clone(), rx));

    let total = 50;
    for i in 0..total {
        tx.send(format!("SKU-{i:04},{},{}.99", i % 9 + 1, 10 + i)).await.unwrap();
    }
    tx.send(END_MARKER.to_string()).await.unwrap();
    writer.await.unwrap()?;

    let contents = tokio::fs::read_to_string(&path).await?;
    let data_rows = contents.lines().count() - 1; // minus header
    println!("csv rows written: {data_rows} of {total}");
    let _ = tokio::fs::remove_file(&path).await;
    Ok(())
}
