use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// Completes once the legacy uploader thread has set `done`.
struct UploadFinished {
    done: Arc<AtomicBool>,
}

impl Future for UploadFinished {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.done.load(Ordering::Acquire) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

fn start_legacy_upload(file: &str, done: Arc<AtomicBool>) {
    let file = file.to_string();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150)); // the C library does its thing
        println!("uploader: {file} sent");
        done.store(true, Ordering::Release);
    });
}

#[tokio::main]
async fn main() {
    let done = Arc::new(AtomicBool::new(false));
    start_legacy_upload("backup-2024-06-01.tar.gz", Arc::clone(&done));
    UploadFinished { done }.await;
    println!("upload confirmed, rotating old backups");
}
