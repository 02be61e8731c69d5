// corpus: run
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

async fn read_frame(mut r: DuplexStream) -> (DuplexStream, std::io::Result<Vec<u8>>) {
    let len = match r.read_u8().await {
        Ok(len) => len as usize,
        Err(e) => return (r, Err(e)),
    };
    let mut body = vec![0; len];
    let res = r.read_exact(&mut body).await.map(|_| body);
    (r, res)
}

#[tokio::main]
async fn main() {
    let (mut client, server) = tokio::io::duplex(64);
    tokio::spawn(async move {
        for word in ["hello", "world"] {
            client.write_u8(word.len() as u8).await.unwrap();
            tokio::time::sleep(Duration::from_millis(3)).await;
            client.write_all(word.as_bytes()).await.unwrap();
        }
    });
    let mut ticker = tokio::time::interval(Duration::from_millis(1));
    let reading = read_frame(server);
    tokio::pin!(reading);
    let mut frames = 0;
    while frames < 2 {
        tokio::select! {
            (server, frame) = &mut reading => {
                frame.unwrap();
                frames += 1;
                reading.set(read_frame(server));
            }
            _ = ticker.tick() => println!("tick"),
        }
    }
}
