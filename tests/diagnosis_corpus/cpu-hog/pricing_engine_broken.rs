// corpus: run
// A pricing engine serves orders for as long as the program runs; each
// order brings the oneshot sender its price goes back on.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

type Order = (u64, oneshot::Sender<u64>);

/// Heavy number crunching that never waits.
fn crunch(chunk: u64) -> u64 {
    let mut primes = 0;
    for n in chunk * 100_000..(chunk + 1) * 100_000 {
        if (2..).take_while(|d| d * d <= n).all(|d| n % d != 0) {
            primes += 1;
        }
    }
    primes
}

fn start_engine() -> mpsc::Sender<Order> {
    let (orders, mut inbox) = mpsc::channel::<Order>(16);
    tokio::spawn(async move {
        while let Some((chunk, reply)) = inbox.recv().await {
            let _ = reply.send(crunch(chunk));
        }
    });
    orders
}

async fn price(engine: &mpsc::Sender<Order>, chunk: u64) -> u64 {
    let (reply, price) = oneshot::channel();
    engine
        .send((chunk, reply))
        .await
        .expect("the engine stopped");
    price.await.expect("the engine dropped an order")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ticks = Arc::new(AtomicU32::new(0));
    let t = ticks.clone();
    let heartbeat = tokio::spawn(async move {
        loop {
            t.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    tokio::task::yield_now().await;
    let engine = start_engine();
    let started = std::time::Instant::now();
    let before = ticks.load(Ordering::SeqCst);
    let prices = futures::future::join_all((1..=3).map(|chunk| price(&engine, chunk))).await;
    let total: u64 = prices.iter().sum();
    let beats = ticks.load(Ordering::SeqCst) - before;
    let expected = started.elapsed().as_millis() as u32 / 10;
    heartbeat.abort();
    println!("{total} primes");
    assert!(
        beats >= expected,
        "the heartbeat ticked {beats} times while the engine crunched: the event loop was blocked"
    );
}
