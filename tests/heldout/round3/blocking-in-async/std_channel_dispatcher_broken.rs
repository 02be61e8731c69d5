use std::sync::mpsc;
use tokio::time::{sleep, Duration};

#[derive(Debug)]
struct Request {
    id: u32,
    path: String,
}

fn route(req: &Request) -> u16 {
    match req.path.as_str() {
        "/health" | "/users" => 200,
        _ => 404,
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = mpsc::channel::<Request>();

    let dispatcher = tokio::spawn(async move {
        let mut served = Vec::new();
        while let Ok(req) = rx.recv() {
            let status = route(&req);
            println!("#{} {} -> {}", req.id, req.path, status);
            served.push(status);
        }
        served
    });

    let paths = ["/health", "/users", "/admin", "/users", "/health"];
    for (id, path) in paths.iter().enumerate() {
        tx.send(Request { id: id as u32, path: path.to_string() }).unwrap();
        // requests trickle in from the acceptor
        sleep(Duration::from_millis(10)).await;
    }
    drop(tx);

    let served = dispatcher.await.unwrap();
    println!("served {} requests, {} not found", served.len(), served.iter().filter(|s| **s == 404).count());
}
