// Build scheduler: the link step waits for an artifact that a compiler
// thread produces; `ArtifactReady` is the future the scheduler awaits.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Default)]
struct Slot {
    artifact: Option<String>,
    waker: Option<Waker>,
}

struct ArtifactReady {
    slot: Arc<Mutex<Slot>>,
}

impl Future for ArtifactReady {
    type Output = String;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<String> {
        let mut slot = self.slot.lock().unwrap();
        match slot.artifact.take() {
            Some(a) => Poll::Ready(a),
            None => Poll::Pending,
        }
    }
}

fn start_compiler(unit: &str) -> ArtifactReady {
    let slot = Arc::new(Mutex::new(Slot::default()));
    let s = slot.clone();
    let unit = unit.to_string();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(80)); // compiling
        let mut slot = s.lock().unwrap();
        slot.artifact = Some(format!("{unit}.o"));
        if let Some(w) = slot.waker.take() {
            w.wake();
        }
    });
    ArtifactReady { slot }
}

#[tokio::main]
async fn main() {
    let units = ["parser", "codegen", "runtime"];
    let pending: Vec<ArtifactReady> = units.iter().map(|u| start_compiler(u)).collect();
    let mut objects = Vec::new();
    for p in pending {
        objects.push(p.await);
    }
    println!("linking {} -> app", objects.join(" "));
}
