use std::path::{Path, PathBuf};

async fn line_count(path: &Path) -> usize {
    let text = tokio::fs::read_to_string(path).await.unwrap_or_default();
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

async fn write_samples(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for (name, body) in [
        ("main.rs", "fn main() {\n\n    println!(\"hi\");\n}\n"),
        ("lib.rs", "pub mod a;\npub mod b;\n"),
        ("notes.txt", "todo\n\n\nship it\n"),
    ] {
        let p = dir.join(name);
        tokio::fs::write(&p, body).await.unwrap();
        paths.push(p);
    }
    paths
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("linecount_{}", std::process::id()));
    tokio::fs::create_dir_all(&dir).await.unwrap();
    let files = write_samples(&dir).await;

    let mut total = 0;
    for f in &files {
        let n = line_count(f).await;
        println!("{:>4}  {}", n, f.file_name().unwrap().to_string_lossy());
        total += n;
    }
    println!("{total:>4}  total");
    tokio::fs::remove_dir_all(&dir).await.unwrap();
    assert_eq!(total, 7);
}
