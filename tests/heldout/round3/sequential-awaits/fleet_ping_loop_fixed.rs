use std::time::Instant;
use tokio::net::TcpListener;
use tokio::time::{sleep, Duration};

async fn ping(host: &str, port: u16) -> Option<Duration> {
    let started = Instant::now();
    // every host in this fleet answers slowly from its health endpoint
    sleep(Duration::from_millis(300)).await;
    let ok = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok();
    println!("  {host}: {}", if ok { "up" } else { "down" });
    ok.then(|| started.elapsed())
}

async fn check_fleet(hosts: &[&str], port: u16) -> Vec<Option<Duration>> {
    futures::future::join_all(hosts.iter().map(|host| ping(host, port))).await
}

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let _ = listener.accept().await;
        }
    });

    let hosts = ["web-1", "web-2", "web-3", "db-1", "db-2", "cache-1"];
    let started = Instant::now();
    let results = check_fleet(&hosts, port).await;
    let up = results.iter().filter(|r| r.is_some()).count();
    println!("{up}/{} hosts up, health check took {:?}", hosts.len(), started.elapsed());
}
