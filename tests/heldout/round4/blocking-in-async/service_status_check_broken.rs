// Status checker against a local mock API: the mock serves a one-line
// status per service; the checker asks for each service and prints it.
use std::io::{Read, Write};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

async fn serve(listener: TcpListener) {
    loop {
        let (sock, _) = listener.accept().await.unwrap();
        tokio::spawn(async move {
            let (r, mut w) = sock.into_split();
            let mut line = String::new();
            BufReader::new(r).read_line(&mut line).await.unwrap();
            let service = line.trim().trim_start_matches("STATUS ");
            let status = if service == "billing" { "degraded" } else { "ok" };
            w.write_all(format!("{service}={status}\n").as_bytes()).await.unwrap();
        });
    }
}

async fn fetch_status(addr: std::net::SocketAddr, service: &str) -> String {
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    conn.write_all(format!("STATUS {service}\n").as_bytes()).unwrap();
    let mut reply = String::new();
    conn.read_to_string(&mut reply).unwrap();
    reply.trim().to_string()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener));

    let mut degraded = Vec::new();
    for service in ["auth", "billing", "search"] {
        let status = fetch_status(addr, service).await;
        println!("{status}");
        if status.ends_with("degraded") {
            degraded.push(service);
        }
    }
    println!("degraded: {degraded:?}");
}
