use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Default)]
struct Bell {
    rung_by: Option<String>,
    waker: Option<Waker>,
}

/// Resolves with the visitor's name once somebody presses the bell.
struct NextVisitor {
    bell: Arc<Mutex<Bell>>,
}

impl Future for NextVisitor {
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        let mut bell = self.bell.lock().unwrap();
        match bell.rung_by.take() {
            Some(visitor) => Poll::Ready(visitor),
            None => {
                bell.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Called from the GPIO thread when the button is pressed.
fn ring(bell: &Arc<Mutex<Bell>>, who: &str) {
    let mut b = bell.lock().unwrap();
    b.rung_by = Some(who.to_string());
    if let Some(w) = b.waker.take() {
        w.wake();
    }
}

#[tokio::main]
async fn main() {
    let bell = Arc::new(Mutex::new(Bell::default()));

    let gpio = bell.clone();
    std::thread::spawn(move || {
        for who in ["courier", "neighbour"] {
            std::thread::sleep(Duration::from_millis(100));
            ring(&gpio, who);
        }
    });

    for _ in 0..2 {
        println!("waiting for someone at the door...");
        let visitor = NextVisitor { bell: bell.clone() }.await;
        println!("{visitor} is at the door");
    }
}
