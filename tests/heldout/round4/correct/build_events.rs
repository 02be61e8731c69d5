// Build scheduler: each of the fixed set of build steps reports its
// events on an unbounded channel; the producer side is bounded by the
// number of steps, so the queue can never grow past a few dozen events.
use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug)]
enum Event {
    Started(&'static str),
    Finished(&'static str, u64),
}

async fn step(name: &'static str, millis: u64, events: mpsc::UnboundedSender<Event>) {
    let _ = events.send(Event::Started(name));
    tokio::time::sleep(Duration::from_millis(millis)).await;
    let _ = events.send(Event::Finished(name, millis));
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let steps = [("fetch", 15), ("codegen", 25), ("compile", 40), ("test", 30), ("package", 10)];
    for (name, ms) in steps {
        tokio::spawn(step(name, ms, tx.clone()));
    }
    drop(tx);

    let mut running = 0;
    let mut max_parallel = 0;
    let mut total_ms = 0;
    while let Some(ev) = rx.recv().await {
        match ev {
            Event::Started(name) => {
                running += 1;
                max_parallel = max_parallel.max(running);
                println!("started {name}");
            }
            Event::Finished(name, ms) => {
                running -= 1;
                total_ms += ms;
                println!("finished {name} in {ms} ms");
            }
        }
    }
    println!("{} steps, {total_ms} ms of work, up to {max_parallel} at once", steps.len());
}
