// Wrong fix: `Read::poll` calls `cx.waker().wake_by_ref()` instead of leaving its waker in the registry: the readers are polled again and again until their data comes (busy polling), not woken by the reactor when it arrives.
// A tiny reactor
//
// Who calls the waker when the "I/O" is ready? In tokio, the reactor: it asks
// the operating system which sockets are ready and wakes the task waiting on
// each one. The executor polls, the reactor wakes, and they meet only through
// wakers, so a waker works across threads and libraries: here your own
// reactor, on its own thread, wakes tasks that tokio runs.
//
// The "network card" delivers data for connections 1, 2 and 3 at different
// moments. Each `Read` future leaves its waker in the registry under its
// connection. The reactor thread stores each piece of data that comes in,
// but it never wakes anyone, so the readers wait forever.
//
// What to fix: in the reactor thread, after storing the data, wake the task
// that waits on that connection (if one has registered).
//
// Done when the reads finish in the order the data arrives: 3, 1, 2.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::{thread, time::Duration};

#[derive(Default)]
struct Registry {
    arrived: HashMap<u32, String>, // data that came in, by connection
    waiting: HashMap<u32, Waker>,  // who waits for it, by connection
}

/// Starts the reactor thread and returns the "network card" that feeds it.
fn start_reactor(registry: Arc<Mutex<Registry>>) -> mpsc::Sender<(u32, String)> {
    let (card, events) = mpsc::channel();
    thread::spawn(move || {
        // Sleep until the next event arrives (like epoll_wait), then handle it.
        for (conn, data) in events {
            let mut registry = registry.lock().unwrap();
            registry.arrived.insert(conn, data);
            if let Some(waker) = registry.waiting.remove(&conn) {
                waker.wake(); // the task can go on: back in tokio's queue
            }
        }
    });
    card
}

struct Read {
    conn: u32,
    registry: Arc<Mutex<Registry>>,
}

/// How many times the readers were polled, in all.
static POLLS: AtomicUsize = AtomicUsize::new(0);

impl Future for Read {
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        POLLS.fetch_add(1, Ordering::SeqCst);
        let mut registry = self.registry.lock().unwrap();
        if let Some(data) = registry.arrived.remove(&self.conn) {
            return Poll::Ready(data);
        }
        // Not yet: "wake me when data comes in on my connection".
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Three readers wait; the network delivers to connections 3, 1, 2.
async fn three_reads() -> Vec<String> {
    let registry = Arc::new(Mutex::new(Registry::default()));
    let card = start_reactor(registry.clone());
    let mut readers = tokio::task::JoinSet::new();
    for conn in 1..=3 {
        readers.spawn(Read {
            conn,
            registry: registry.clone(),
        });
    }
    thread::spawn(move || {
        for conn in [3, 1, 2] {
            thread::sleep(Duration::from_millis(30));
            card.send((conn, format!("hello on {conn}"))).unwrap();
        }
    });
    readers.join_all().await // in the order they finished
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("{:?}", three_reads().await);
}

#[tokio::test(flavor = "current_thread")]
async fn each_reader_is_woken_when_its_data_arrives() {
    let reads = tokio::time::timeout(Duration::from_secs(2), three_reads()).await;
    let reads = reads.expect(
        "after 2 s the reads had not finished: the data arrived, but no task waiting \
         for it was woken, so tokio never polled the readers again",
    );
    assert_eq!(reads, ["hello on 3", "hello on 1", "hello on 2"]);
    let polls = POLLS.load(Ordering::SeqCst);
    assert!(
        polls <= 9,
        "the 3 readers were polled {polls} times (twice each is enough: once to leave \
         the waker, once when woken): a reader was woken again and again before its \
         data came (a busy loop). Only the reactor should wake a reader, when its \
         data arrives"
    );
}
