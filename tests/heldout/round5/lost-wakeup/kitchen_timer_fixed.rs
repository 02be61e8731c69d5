use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// A home-made timer so the kitchen display does not depend on a timer wheel.
struct KitchenTimer {
    dish: &'static str,
    ready_at: Instant,
}

impl KitchenTimer {
    fn start(dish: &'static str, cook_for: Duration) -> Self {
        KitchenTimer { dish, ready_at: Instant::now() + cook_for }
    }
}

impl Future for KitchenTimer {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if Instant::now() >= self.ready_at {
            Poll::Ready(self.dish)
        } else {
            let waker = cx.waker().clone();
            let ready_at = self.ready_at;
            std::thread::spawn(move || {
                std::thread::sleep(ready_at.saturating_duration_since(Instant::now()));
                waker.wake();
            });
            Poll::Pending
        }
    }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let (a, b, c) = tokio::join!(
        KitchenTimer::start("soft-boiled eggs", Duration::from_millis(240)),
        KitchenTimer::start("green tea", Duration::from_millis(120)),
        KitchenTimer::start("toast", Duration::from_millis(180)),
    );
    println!("{a}, {b} and {c} are ready after {:?}", started.elapsed());
}
