use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// Opens once `remaining` people have badged in; everyone waiting is then let through.
struct Latch {
    state: Mutex<(usize, Vec<Waker>)>,
}

impl Latch {
    fn new(n: usize) -> Arc<Self> {
        Arc::new(Latch { state: Mutex::new((n, Vec::new())) })
    }

    fn count_down(&self) {
        let mut st = self.state.lock().unwrap();
        st.0 = st.0.saturating_sub(1);
        if st.0 == 0 {
            for w in st.1.drain(..) {
                w.wake();
            }
        }
    }

    fn wait(self: &Arc<Self>) -> Opened {
        Opened { latch: self.clone() }
    }
}

struct Opened {
    latch: Arc<Latch>,
}

impl Future for Opened {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut st = self.latch.state.lock().unwrap();
        if st.0 == 0 {
            Poll::Ready(())
        } else {
            st.1.push(cx.waker().clone());
            Poll::Pending
        }
    }
}

#[tokio::main]
async fn main() {
    let quorum = Latch::new(3);

    let mut guides = Vec::new();
    for guide in ["tour-A", "tour-B"] {
        let q = quorum.clone();
        guides.push(tokio::spawn(async move {
            q.wait().await;
            println!("{guide}: group complete, starting the tour");
        }));
    }

    // badge readers run on their own threads
    let readers: Vec<_> = ["kim", "lou", "max"]
        .into_iter()
        .enumerate()
        .map(|(i, who)| {
            let q = quorum.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(30 * (i as u64 + 1)));
                println!("{who} badged in");
                q.count_down();
            })
        })
        .collect();

    for g in guides {
        g.await.unwrap();
    }
    for r in readers {
        r.join().unwrap();
    }
}
