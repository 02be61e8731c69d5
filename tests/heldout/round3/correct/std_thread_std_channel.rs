use std::sync::mpsc;
use std::thread;
use tokio::sync::oneshot;

fn crunch(rx: mpsc::Receiver<Vec<u32>>, done: oneshot::Sender<u64>) {
    let mut total = 0u64;
    while let Ok(chunk) = rx.recv() {
        total += chunk.iter().map(|x| (*x as u64) * (*x as u64)).sum::<u64>();
    }
    let _ = done.send(total);
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel::<Vec<u32>>();
    let (done_tx, done_rx) = oneshot::channel();
    let worker = thread::spawn(move || crunch(rx, done_tx));

    for start in (0..10_000u32).step_by(1_000) {
        tx.send((start..start + 1_000).collect()).unwrap();
        tokio::task::yield_now().await;
    }
    drop(tx);

    let sum_of_squares = done_rx.await.expect("worker thread gone");
    worker.join().unwrap();
    println!("sum of squares below 10000: {sum_of_squares}");
    assert_eq!(sum_of_squares, 333_283_335_000);
}
