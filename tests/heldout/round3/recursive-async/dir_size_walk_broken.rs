use std::path::{Path, PathBuf};

async fn dir_size(path: PathBuf) -> std::io::Result<u64> {
    let mut total = 0;
    let mut entries = tokio::fs::read_dir(&path).await?;
    while let Some(entry) = entries.next_entry().await? {
        let meta = entry.metadata().await?;
        if meta.is_dir() {
            total += dir_size(entry.path()).await?;
        } else {
            total += meta.len();
        }
    }
    Ok(total)
}

async fn make_tree(root: &Path) -> std::io::Result<()> {
    tokio::fs::create_dir_all(root.join("src/bin")).await?;
    tokio::fs::create_dir_all(root.join("assets/img")).await?;
    tokio::fs::write(root.join("Cargo.toml"), vec![b'x'; 120]).await?;
    tokio::fs::write(root.join("src/main.rs"), vec![b'x'; 2_000]).await?;
    tokio::fs::write(root.join("src/bin/tool.rs"), vec![b'x'; 500]).await?;
    tokio::fs::write(root.join("assets/img/logo.png"), vec![b'x'; 10_000]).await?;
    Ok(())
}

#[tokio::main]
async fn main() {
    let root = std::env::temp_dir().join(format!("du_demo_{}", std::process::id()));
    make_tree(&root).await.unwrap();
    let size = dir_size(root.clone()).await.unwrap();
    println!("{size} bytes under {}", root.display());
    tokio::fs::remove_dir_all(&root).await.unwrap();
    assert_eq!(size, 12_620);
}
