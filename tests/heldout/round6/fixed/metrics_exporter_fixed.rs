use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::{interval_at, Instant};

#[derive(Debug, Clone)]
pub struct Sample {
    pub name: String,
    pub value: f64,
}

/// Stand-in for a remote metrics backend.
#[derive(Default, Clone)]
pub struct Backend {
    received: Arc<Mutex<Vec<Sample>>>,
}

impl Backend {
    pub fn count(&self) -> usize {
        self.received.lock().unwrap().len()
    }
}

async fn push_samples(backend: &Backend, samples: &mut Vec<Sample>) {
    if samples.is_empty() {
        return;
    }
    // pretend network latency
    tokio::task::yield_now().await;
    backend.received.lock().unwrap().extend(samples.drain(..));
}

pub fn spawn_exporter(
    backend: Backend,
    mut samples_rx: mpsc::Receiver<Sample>,
    mut shutdown: oneshot::Receiver<()>,
    period: Duration,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut pending: Vec<Sample> = Vec::with_capacity(64);
        let mut ticker = interval_at(Instant::now() + period, period);
        loop {
            tokio::select! {
                _ = &mut shutdown => {
                    println!("exporter: shutting down");
                    push_samples(&backend, &mut pending).await;
                    return;
                }
                _ = ticker.tick() => {
                    push_samples(&backend, &mut pending).await;
                }
                Some(s) = samples_rx.recv() => {
                    pending.push(s);
                }
            }
        }
    })
}

#[tokio::main]
async fn main() {
    let backend = Backend::default();
    let (tx, rx) = mpsc::channel(128);
    let (stop_tx, stop_rx) = oneshot::channel();
    let handle = spawn_exporter(backend.clone(), rx, stop_rx, Duration::from_millis(200));

    for i in 0..10 {
        tx.send(Sample { name: format!("req_latency_{i}"), value: i as f64 * 1.5 })
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    let _ = stop_tx.send(());
    handle.await.unwrap();
    println!("samples exported: {} of 10", backend.count());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn samples_recorded_before_shutdown_are_exported() {
        let backend = Backend::default();
        let (tx, rx) = mpsc::channel(16);
        let (stop_tx, stop_rx) = oneshot::channel();
        let handle = spawn_exporter(backend.clone(), rx, stop_rx, Duration::from_secs(10));

        for i in 0..4 {
            tx.send(Sample { name: "cpu".into(), value: i as f64 }).await.unwrap();
        }
        // let the exporter pick the samples up, but stop before the next tick
        tokio::time::sleep(Duration::from_secs(1)).await;
        stop_tx.send(()).unwrap();
        handle.await.unwrap();

        assert_eq!(backend.count(), 4);
    }
}
