use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The watch vendor only ships a synchronous SDK.
fn download_steps_over_bluetooth(device: &str) -> Vec<u32> {
    std::thread::sleep(Duration::from_millis(300));
    device.bytes().map(|b| b as u32 * 37).collect()
}

async fn sync_watch(device: String) -> u32 {
    let worker = tokio::task::spawn_blocking(move || download_steps_over_bluetooth(&device));
    let samples = worker.await.expect("bluetooth thread crashed");
    samples.iter().sum()
}

fn start_ui_heartbeat(frames: Arc<AtomicUsize>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            frames.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let frames = Arc::new(AtomicUsize::new(0));
    let ui = start_ui_heartbeat(frames.clone());
    let total = sync_watch("watch-7f".to_string()).await;
    println!(
        "synced {total} steps; the UI redrew {} times meanwhile",
        frames.load(Ordering::SeqCst)
    );
    ui.abort();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn ui_keeps_drawing_during_sync() {
        let frames = Arc::new(AtomicUsize::new(0));
        let ui = start_ui_heartbeat(frames.clone());
        let total = sync_watch("abc".into()).await;
        assert!(total > 0);
        assert!(frames.load(Ordering::SeqCst) >= 3, "UI froze while syncing");
        ui.abort();
    }
}
