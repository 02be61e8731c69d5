use std::io::{Read, Write};
use std::net::TcpStream;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

async fn serve_status(listener: TcpListener) {
    loop {
        let (mut sock, _) = listener.accept().await.unwrap();
        tokio::spawn(async move {
            let mut buf = [0u8; 64];
            let n = sock.read(&mut buf).await.unwrap();
            let reply = if buf[..n].starts_with(b"PING") { "PONG ok\n" } else { "ERR\n" };
            sock.write_all(reply.as_bytes()).await.unwrap();
        });
    }
}

// Shared with the old CLI, which has no runtime.
fn probe(addr: std::net::SocketAddr) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(b"PING\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply.trim().to_string()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve_status(listener));

    for attempt in 1..=3 {
        let status = probe(addr);
        println!("probe {attempt}: {status}");
        assert_eq!(status, "PONG ok");
    }
}
