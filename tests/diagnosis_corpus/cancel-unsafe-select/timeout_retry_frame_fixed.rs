// corpus: run
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

async fn read_frame(rd: &mut DuplexStream) -> std::io::Result<Vec<u8>> {
    let len = rd.read_u8().await? as usize;
    let mut body = vec![0u8; len];
    rd.read_exact(&mut body).await?;
    Ok(body)
}

#[tokio::main]
async fn main() {
    let (mut client, mut server) = tokio::io::duplex(64);
    tokio::spawn(async move {
        for word in ["hello", "slow", "world"] {
            client.write_u8(word.len() as u8).await.unwrap();
            tokio::time::sleep(Duration::from_millis(80)).await;
            client.write_all(word.as_bytes()).await.unwrap();
        }
    });
    let mut got = Vec::new();
    while got.len() < 3 {
        let frame = read_frame(&mut server);
        tokio::pin!(frame);
        let frame = loop {
            match tokio::time::timeout(Duration::from_millis(50), &mut frame).await {
                Ok(res) => break res,
                Err(_) => println!("no frame yet, keepalive"),
            }
        };
        got.push(String::from_utf8_lossy(&frame.expect("read error")).into_owned());
    }
    assert_eq!(got, ["hello", "slow", "world"]);
    println!("{got:?}");
}
