// Sustained CPU work: a thread of its own.
//
// A task that crunches numbers with no `.await` keeps its waiter (the thread
// that runs it) until it is done, and every other task on that thread waits.
// For a computation that ends, tokio's blocking pool (`spawn_blocking`) is
// the place: it is made for blocking work that eventually finishes. But this
// pricing engine never finishes: it prices order after order for as long as
// the program runs. Tokio's docs point such work elsewhere: a thread of your
// own, or, for many jobs, a pool sized for the cores (the rayon crate's).
//
// `start_engine` runs the engine as a task, so each price it computes holds
// the event loop's only thread. Fix `start_engine`. Done when the loop stays
// free while the engine works, the engine runs on a thread that is none of
// tokio's, and the prices are right.

use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use tokio::sync::{mpsc, oneshot};

/// An order for the engine: which chunk to price, and where to send the price.
type Order = (u64, oneshot::Sender<u64>);

/// Whether the last crunch ran on one of tokio's threads.
static ON_TOKIO: AtomicBool = AtomicBool::new(false);

/// Heavy number crunching that never waits: counts the primes among the
/// chunk's 300 000 numbers, by trial division.
fn crunch(chunk: u64) -> u64 {
    let mut primes = 0;
    for n in chunk * 300_000..(chunk + 1) * 300_000 {
        if (2..).take_while(|d| d * d <= n).all(|d| n % d != 0) {
            primes += 1;
        }
    }
    ON_TOKIO.store(tokio::runtime::Handle::try_current().is_ok(), SeqCst);
    primes
}

/// Starts the engine; returns the sender its orders go to.
fn start_engine() -> mpsc::Sender<Order> {
    let (orders, mut inbox) = mpsc::channel::<Order>(16);
    // A thread of its own, for as long as the engine runs: it ends when every
    // sender is gone and `blocking_recv` says so.
    std::thread::spawn(move || {
        while let Some((chunk, reply)) = inbox.blocking_recv() {
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
    let engine = start_engine();
    println!("{}", price(&engine, 1).await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::future::join_all;
    use support::watchdog::Watchdog;

    // Real time here, not the paused clock: this test is about threads.
    #[tokio::test]
    async fn the_engine_crunches_on_a_thread_of_its_own() {
        let start = std::time::Instant::now();
        let first = crunch(1); // one crunch alone, to know how long one takes here
        let one_crunch = start.elapsed();
        let engine = start_engine();
        let dog = Watchdog::start(one_crunch / 2);
        let prices = dog
            .watch(join_all((1..=4).map(|c| price(&engine, c))))
            .await;
        let stalled = dog.max_blocked().as_millis();
        assert!(
            stalled == 0,
            "for {stalled} ms the event loop could run no other task (one crunch takes about \
             {} ms here): the engine crunched on the loop's thread",
            one_crunch.as_millis()
        );
        assert!(
            !ON_TOKIO.load(SeqCst),
            "the engine ran on one of tokio's threads: its blocking pool is for work that \
             eventually finishes, and this engine runs as long as the program"
        );
        assert_eq!(
            prices,
            [first, 22176, 21664, 21217],
            "the primes of each chunk"
        );
    }
}
