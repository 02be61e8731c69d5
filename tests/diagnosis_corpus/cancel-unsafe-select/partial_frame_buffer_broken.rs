// corpus: run
// Reads newline-ended messages from a connection while a heartbeat ticks;
// the sender writes each message in two parts.
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

async fn read_message(conn: &mut DuplexStream) -> std::io::Result<String> {
    let mut buf = Vec::new();
    loop {
        let mut chunk = [0u8; 64];
        let n = conn.read(&mut chunk).await?;
        buf.extend_from_slice(&chunk[..n]);
        if n == 0 || buf.ends_with(b"\n") {
            return Ok(String::from_utf8_lossy(&buf).trim_end().to_string());
        }
    }
}

#[tokio::main]
async fn main() {
    let (mut client, mut server) = tokio::io::duplex(64);
    tokio::spawn(async move {
        for msg in ["temp=21", "temp=22"] {
            let (head, tail) = msg.split_at(3);
            client.write_all(head.as_bytes()).await.unwrap();
            tokio::time::sleep(Duration::from_millis(20)).await;
            client
                .write_all(format!("{tail}\n").as_bytes())
                .await
                .unwrap();
        }
    });
    let mut heartbeat = tokio::time::interval(Duration::from_millis(5));
    let mut messages = Vec::new();
    while messages.len() < 2 {
        tokio::select! {
            msg = read_message(&mut server) => messages.push(msg.unwrap()),
            _ = heartbeat.tick() => {}
        }
    }
    println!("{messages:?}");
    assert_eq!(messages, ["temp=21", "temp=22"]);
}
