// corpus: run
// Reads newline-ended messages from a connection while a heartbeat ticks;
// the sender writes each message in two parts.
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

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
    let mut buf = Vec::new();
    let mut messages = Vec::new();
    while messages.len() < 2 {
        tokio::select! {
            read = server.read_buf(&mut buf) => {
                if read.unwrap() == 0 {
                    break;
                }
                while let Some(end) = buf.iter().position(|b| *b == b'\n') {
                    let line: Vec<u8> = buf.drain(..=end).collect();
                    messages.push(String::from_utf8_lossy(&line).trim_end().to_string());
                }
            }
            _ = heartbeat.tick() => {}
        }
    }
    println!("{messages:?}");
    assert_eq!(messages, ["temp=21", "temp=22"]);
}
