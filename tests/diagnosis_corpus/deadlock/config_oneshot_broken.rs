// corpus: run
use tokio::sync::oneshot;

#[tokio::main]
async fn main() {
    let (config_tx, config_rx) = oneshot::channel::<String>();
    let server = tokio::spawn(async move {
        let config = config_rx.await.unwrap();
        println!("serving with {config}");
    });
    server.await.unwrap();
    config_tx.send("port=8080".to_string()).unwrap();
}
