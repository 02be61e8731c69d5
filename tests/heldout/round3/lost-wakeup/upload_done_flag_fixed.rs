use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// Completes once the legacy uploader thread has set `done`.
struct UploadFinished {
    done: Arc<AtomicBool>,
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Future for UploadFinished {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        *self.waker.lock().unwrap() = Some(cx.waker().clone());
        if self.done.load(Ordering::Acquire) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

fn start_legacy_upload(file: &str, done: Arc<AtomicBool>, waker: Arc<Mutex<Option<Waker>>>) {
    let file = file.to_string();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150)); // the C library does its thing
        println!("uploader: {file} sent");
        done.store(true, Ordering::Release);
        if let Some(w) = waker.lock().unwrap().take() {
            w.wake();
        }
    });
}

#[tokio::main]
async fn main() {
    let done = Arc::new(AtomicBool::new(false));
    let waker = Arc::new(Mutex::new(None));
    start_legacy_upload("backup-2024-06-01.tar.gz", Arc::clone(&done), Arc::clone(&waker));
    UploadFinished { done, waker }.await;
    println!("upload confirmed, rotating old backups");
}
