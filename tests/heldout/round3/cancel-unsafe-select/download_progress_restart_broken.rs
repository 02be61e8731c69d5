use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{interval, sleep, Duration};

const CHUNKS: usize = 10;
const CHUNK: usize = 1024;

async fn serve_file(listener: TcpListener) {
    let (mut sock, _) = listener.accept().await.unwrap();
    for i in 0..CHUNKS {
        sock.write_all(&[i as u8; CHUNK]).await.unwrap();
        sleep(Duration::from_millis(25)).await;
    }
}

async fn download(stream: &mut TcpStream) -> Vec<u8> {
    let mut body = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        let n = stream.read(&mut buf).await.unwrap();
        if n == 0 {
            return body;
        }
        body.extend_from_slice(&buf[..n]);
    }
}

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve_file(listener));

    let mut stream = TcpStream::connect(addr).await.unwrap();
    let mut progress = interval(Duration::from_millis(60));
    let body = loop {
        tokio::select! {
            body = download(&mut stream) => break body,
            _ = progress.tick() => println!("still downloading..."),
        }
    };
    println!("downloaded {} bytes", body.len());
    assert_eq!(body.len(), CHUNKS * CHUNK, "the file is truncated");
}
