use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{sleep, timeout, Duration};

async fn chat_server(listener: TcpListener) {
    let (mut sock, _) = listener.accept().await.unwrap();
    for msg in ["ana: hello everyone", "bo: hi ana, how was the trip?", "ana: long story"] {
        let (head, tail) = msg.split_at(msg.len() / 2);
        sock.write_all(head.as_bytes()).await.unwrap();
        sleep(Duration::from_millis(150)).await; // slow mobile client upstream
        sock.write_all(tail.as_bytes()).await.unwrap();
        sock.write_all(b"\n").await.unwrap();
    }
}

async fn next_message(reader: &mut BufReader<TcpStream>) -> Option<String> {
    let mut line = String::new();
    match reader.read_line(&mut line).await {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim_end().to_string()),
    }
}

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(chat_server(listener));

    let mut reader = BufReader::new(TcpStream::connect(addr).await.unwrap());
    let mut messages = Vec::new();
    loop {
        let next = next_message(&mut reader);
        tokio::pin!(next);
        let msg = loop {
            match timeout(Duration::from_millis(100), &mut next).await {
                Ok(msg) => break msg,
                Err(_) => println!("(no message for 100ms, sending keep-alive)"),
            }
        };
        match msg {
            Some(msg) => messages.push(msg),
            None => break,
        }
    }
    for m in &messages {
        println!("{m}");
    }
    assert!(messages[0].starts_with("ana: hello"), "message garbled: {:?}", messages[0]);
}
