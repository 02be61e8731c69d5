// corpus: run
use tokio::sync::mpsc;

#[tokio::main]
async fn main() {
    let (jobs_tx, mut jobs_rx) = mpsc::channel::<String>(4);
    let worker = tokio::spawn(async move {
        let job = jobs_rx.recv().await.unwrap();
        println!("working on {job}");
    });
    jobs_tx.send("invoice".to_string()).await.unwrap();
    worker.await.unwrap();
}
