use std::io;
use std::path::{Path, PathBuf};

async fn disk_usage(dir: PathBuf) -> io::Result<u64> {
    let mut total = 0;
    let mut entries = tokio::fs::read_dir(&dir).await?;
    while let Some(entry) = entries.next_entry().await? {
        let meta = entry.metadata().await?;
        if meta.is_dir() {
            total += disk_usage(entry.path()).await?;
        } else {
            total += meta.len();
        }
    }
    Ok(total)
}

/// Builds a small project tree to measure.
async fn make_tree(root: &Path) -> io::Result<()> {
    tokio::fs::create_dir_all(root.join("src/bin")).await?;
    tokio::fs::create_dir_all(root.join("assets/img")).await?;
    tokio::fs::write(root.join("Cargo.toml"), vec![b'x'; 100]).await?;
    tokio::fs::write(root.join("src/lib.rs"), vec![b'x'; 2_000]).await?;
    tokio::fs::write(root.join("src/bin/tool.rs"), vec![b'x'; 300]).await?;
    tokio::fs::write(root.join("assets/img/logo.png"), vec![b'x'; 4_096]).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> io::Result<()> {
    let root = std::env::temp_dir().join(format!("dir-walker-demo-{}", std::process::id()));
    make_tree(&root).await?;
    let bytes = disk_usage(root.clone()).await?;
    println!("{} uses {bytes} bytes", root.display());
    tokio::fs::remove_dir_all(&root).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn counts_nested_files() {
        let root = std::env::temp_dir().join(format!("dir-walker-test-{}", std::process::id()));
        make_tree(&root).await.unwrap();
        let bytes = disk_usage(root.clone()).await.unwrap();
        tokio::fs::remove_dir_all(&root).await.unwrap();
        assert_eq!(bytes, 100 + 2_000 + 300 + 4_096);
    }
}
