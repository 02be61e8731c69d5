use std::io::{Read, Write};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Sends one batch of log lines to the collector and returns its acknowledgement.
async fn ship(addr: &str, batch: &str) -> std::io::Result<String> {
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.write_all(batch.as_bytes())?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply)?; // the collector hangs up after acking
    Ok(reply)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    // a tiny collector that counts the lines it got and acknowledges them
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        let n = sock.read(&mut buf).await.unwrap();
        let lines = String::from_utf8_lossy(&buf[..n]).lines().count();
        sock.write_all(format!("ACK {lines}\n").as_bytes()).await.unwrap();
    });

    let batch = ["GET /index 200", "GET /login 302", "POST /api/cart 500"].join("\n");
    let ack = ship(&addr.to_string(), &batch).await?;
    println!("collector replied: {}", ack.trim());
    Ok(())
}
