use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

#[derive(Debug)]
struct FileEntry {
    path: String,
    bytes: u64,
}

async fn scan(root: &'static str, files: &'static [(&'static str, u64)], out: mpsc::Sender<FileEntry>) {
    for (name, bytes) in files {
        sleep(Duration::from_millis(5)).await; // readdir + stat
        let entry = FileEntry { path: format!("{root}/{name}"), bytes: *bytes };
        out.send(entry).await.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(32);
    let roots: [(&'static str, &'static [(&'static str, u64)]); 3] = [
        ("/home", &[("notes.md", 1_200), ("photo.jpg", 2_400_000)]),
        ("/var/log", &[("syslog", 88_000), ("auth.log", 9_500), ("kern.log", 3_100)]),
        ("/srv", &[("index.html", 4_096)]),
    ];
    for (root, files) in roots {
        tokio::spawn(scan(root, files, tx.clone()));
    }

    let mut total = 0;
    let mut count = 0;
    while let Some(entry) = rx.recv().await {
        println!("{:>10}  {}", entry.bytes, entry.path);
        total += entry.bytes;
        count += 1;
    }
    println!("{count} files, {total} bytes");
}
