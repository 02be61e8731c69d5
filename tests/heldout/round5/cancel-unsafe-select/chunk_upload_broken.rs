use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

/// Storage node that persists whatever arrives, a little at a time.
async fn storage_node(mut sock: DuplexStream) -> Vec<u8> {
    let mut stored = Vec::new();
    let mut buf = [0u8; 64];
    loop {
        let n = sock.read(&mut buf).await.unwrap();
        if n == 0 {
            break;
        }
        stored.extend_from_slice(&buf[..n]);
        tokio::time::sleep(Duration::from_millis(1)).await; // fsync
    }
    stored
}

#[tokio::main]
async fn main() {
    let (mut client, server) = tokio::io::duplex(64);
    let node = tokio::spawn(storage_node(server));

    let file: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut progress = tokio::time::interval(Duration::from_millis(15));
    let mut reports = 0;

    for (i, chunk) in file.chunks(256).enumerate() {
        loop {
            tokio::select! {
                res = client.write_all(chunk) => {
                    res.unwrap();
                    break;
                }
                _ = progress.tick() => {
                    reports += 1;
                    if reports % 5 == 0 {
                        println!("uploading chunk {i}...");
                    }
                }
            }
        }
    }
    drop(client);

    let stored = node.await.unwrap();
    println!(
        "uploaded {} bytes; node stored {} bytes; checksum match: {}",
        file.len(),
        stored.len(),
        stored == file
    );
}
