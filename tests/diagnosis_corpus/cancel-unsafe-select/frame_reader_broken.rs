use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

async fn read_frame(r: &mut DuplexStream) -> std::io::Result<Vec<u8>> {
    let len = r.read_u8().await? as usize;
    let mut body = vec![0; len];
    r.read_exact(&mut body).await?;
    Ok(body)
}

#[tokio::main]
async fn main() {
    let (mut client, mut server) = tokio::io::duplex(64);
    tokio::spawn(async move {
        for word in ["hello", "world"] {
            client.write_u8(word.len() as u8).await.unwrap();
            tokio::time::sleep(Duration::from_millis(3)).await;
            client.write_all(word.as_bytes()).await.unwrap();
        }
    });
    let mut ticker = tokio::time::interval(Duration::from_millis(1));
    let mut frames = 0;
    while frames < 2 {
        tokio::select! {
            frame = read_frame(&mut server) => { frame.unwrap(); frames += 1; }
            _ = ticker.tick() => println!("tick"),
        }
    }
}
