use tokio::sync::mpsc;

const MAX_CHUNK_BYTES: usize = 256;

/// Reads log lines from `lines` and ships them upstream in chunks of
/// roughly MAX_CHUNK_BYTES, newline separated.
async fn ship_logs(mut lines: mpsc::Receiver<String>, upstream: mpsc::UnboundedSender<String>) {
    let mut chunk = String::new();
    while let Some(line) = lines.recv().await {
        chunk.push_str(line.trim_end());
        chunk.push('\n');
        if chunk.len() >= MAX_CHUNK_BYTES {
            if upstream.send(chunk.clone()).is_err() {
                eprintln!("upstream gone");
                return;
            }
            chunk.clear();
        }
    }
}

#[tokio::main]
async fn main() {
    let (line_tx, line_rx) = mpsc::channel::<String>(32);
    let (up_tx, mut up_rx) = mpsc::unbounded_channel::<String>();

    let shipper = tokio::spawn(ship_logs(line_rx, up_tx));

    let produced = 37;
    for i in 0..produced {
        line_tx
            .send(format!("2024-05-01T12:00:{:02}Z INFO handled request id={i}", i % 60))
            .await
            .unwrap();
    }
    drop(line_tx);
    shipper.await.unwrap();

    let mut shipped_lines = 0;
    while let Some(chunk) = up_rx.recv().await {
        shipped_lines += chunk.lines().count();
    }
    println!("log lines shipped: {shipped_lines} of {produced}");
}
