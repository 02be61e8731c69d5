use std::sync::mpsc;

#[tokio::main]
async fn main() {
    let (jobs_tx, jobs_rx) = mpsc::channel::<String>();
    let worker = tokio::spawn(async move {
        let job = jobs_rx.recv().unwrap();
        println!("working on {job}");
    });
    jobs_tx.send("invoice".to_string()).unwrap();
    worker.await.unwrap();
}
