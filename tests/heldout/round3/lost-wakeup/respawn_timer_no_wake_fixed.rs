use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Default)]
struct TimerState {
    fired: bool,
    waker: Option<Waker>,
}

/// A respawn countdown driven by the game's own timer thread.
struct RespawnTimer {
    state: Arc<Mutex<TimerState>>,
}

impl RespawnTimer {
    fn start(after: Duration) -> Self {
        let state = Arc::new(Mutex::new(TimerState::default()));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            std::thread::sleep(after);
            let mut s = shared.lock().unwrap();
            s.fired = true;
            if let Some(w) = s.waker.take() {
                w.wake();
            }
        });
        RespawnTimer { state }
    }
}

impl Future for RespawnTimer {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut s = self.state.lock().unwrap();
        if s.fired {
            return Poll::Ready(());
        }
        s.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

#[tokio::main]
async fn main() {
    for (player, secs) in [("zelda", 0.1), ("link", 0.2)] {
        println!("{player} died, respawning in {secs}s");
        RespawnTimer::start(Duration::from_secs_f64(secs)).await;
        println!("{player} is back");
    }
}
