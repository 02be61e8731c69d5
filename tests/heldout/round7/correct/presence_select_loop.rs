// Chat: a presence tracker consumes join/leave events, publishes a snapshot on
// a timer, and stops when the server begins shutting down.
use std::collections::BTreeSet;
use tokio::sync::{mpsc, watch};
use tokio::time::{interval, sleep, Duration};

enum Presence {
    Joined(String),
    Left(String),
}

async fn track(mut events: mpsc::Receiver<Presence>, mut shutdown: watch::Receiver<bool>) -> BTreeSet<String> {
    let mut online = BTreeSet::new();
    let mut snapshot = interval(Duration::from_millis(25));
    loop {
        tokio::select! {
            ev = events.recv() => match ev {
                Some(Presence::Joined(u)) => { online.insert(u); }
                Some(Presence::Left(u)) => { online.remove(&u); }
                None => break,
            },
            _ = snapshot.tick() => println!("snapshot: {} online", online.len()),
            _ = shutdown.changed() => {
                if *shutdown.borrow() {
                    break;
                }
            }
        }
    }
    online
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::channel(8);
    let (stop_tx, stop_rx) = watch::channel(false);
    let tracker = tokio::spawn(track(rx, stop_rx));

    let script = [("joined", "mila"), ("joined", "oskar"), ("joined", "ren"), ("left", "oskar"), ("joined", "tao")];
    for (what, user) in script {
        sleep(Duration::from_millis(12)).await;
        let ev = if what == "joined" { Presence::Joined(user.into()) } else { Presence::Left(user.into()) };
        tx.send(ev).await.unwrap();
    }
    sleep(Duration::from_millis(30)).await;
    stop_tx.send(true).unwrap();
    let online = tracker.await.unwrap();
    println!("online at shutdown: {:?}", online);
    assert_eq!(online.len(), 3);
}
