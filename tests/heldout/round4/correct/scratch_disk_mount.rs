// Media transcoder queue: the encoder waits for the scratch disk to be
// mounted by a helper thread. `DiskReady` stores the waker before it
// returns Pending, and the helper thread wakes it.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Default)]
struct MountState {
    mounted_at: Option<String>,
    waker: Option<Waker>,
}

struct DiskReady(Arc<Mutex<MountState>>);

impl Future for DiskReady {
    type Output = String;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        let mut st = self.0.lock().unwrap();
        if let Some(path) = &st.mounted_at {
            return Poll::Ready(path.clone());
        }
        st.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

fn mount_scratch() -> DiskReady {
    let state = Arc::new(Mutex::new(MountState::default()));
    let s = state.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(60)); // fsck + mount
        let mut st = s.lock().unwrap();
        st.mounted_at = Some("/mnt/scratch".to_string());
        if let Some(w) = st.waker.take() {
            w.wake();
        }
    });
    DiskReady(state)
}

#[tokio::main]
async fn main() {
    let ready = mount_scratch();
    let queue = ["wedding.mov", "drone.mp4"];
    println!("waiting for scratch disk ({} jobs queued)", queue.len());
    let scratch = tokio::time::timeout(Duration::from_secs(2), ready).await.expect("mount timed out");
    for job in queue {
        println!("encoding {job} via {scratch}/{job}.tmp");
    }
}
