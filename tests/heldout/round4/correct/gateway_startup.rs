// Sensor gateway: plain synchronous main. Before any runtime exists, the
// startup config is assembled with futures' own executor from two
// sources joined with `join!` (no timers, no I/O); then the tokio runtime
// is built to run the gateway.
use futures::channel::oneshot;
use futures::executor::block_on;
use std::time::Duration;

async fn defaults() -> Vec<(String, u64)> {
    vec![("poll_ms".into(), 20), ("probes".into(), 3)]
}

async fn overrides(rx: oneshot::Receiver<(String, u64)>) -> Vec<(String, u64)> {
    rx.await.into_iter().collect()
}

fn main() {
    let (tx, rx) = oneshot::channel();
    tx.send(("poll_ms".to_string(), 10)).unwrap();
    let (mut config, extra) = block_on(async { futures::join!(defaults(), overrides(rx)) });
    for (k, v) in extra {
        match config.iter_mut().find(|(key, _)| *key == k) {
            Some(entry) => entry.1 = v,
            None => config.push((k, v)),
        }
    }
    let get = |k: &str| config.iter().find(|(key, _)| key == k).map(|(_, v)| *v).unwrap();
    let (poll_ms, probes) = (get("poll_ms"), get("probes"));
    println!("config: poll every {poll_ms} ms, {probes} probes");

    let rt = tokio::runtime::Runtime::new().unwrap();
    let readings = rt.block_on(async move {
        let mut tasks = Vec::new();
        for p in 0..probes {
            tasks.push(tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(poll_ms)).await;
                (p, 20.0 + p as f32 * 1.5)
            }));
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    println!("first poll: {readings:?}");
}
