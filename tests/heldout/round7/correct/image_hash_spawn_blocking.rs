// Photo service: fingerprint uploaded images with a slow synchronous hashing
// routine (plus a std::fs round-trip) while the upload API keeps serving.
use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tokio::time::{interval, Duration};

fn fingerprint_sync(name: &str, bytes: Vec<u8>) -> u64 {
    let path = std::env::temp_dir().join(format!("heldout7-{}-{name}", std::process::id()));
    std::fs::File::create(&path).and_then(|mut f| f.write_all(&bytes)).expect("write temp");
    let data = std::fs::read(&path).expect("read temp");
    std::fs::remove_file(&path).ok();
    std::thread::sleep(std::time::Duration::from_millis(300)); // perceptual hash, vendor C lib
    data.iter().fold(0xcbf29ce484222325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let served = Arc::new(AtomicU32::new(0));
    let api = {
        let served = served.clone();
        tokio::spawn(async move {
            let mut tick = interval(Duration::from_millis(20));
            loop {
                tick.tick().await;
                served.fetch_add(1, Ordering::Relaxed);
            }
        })
    };

    let uploads = vec![("cat.jpg", vec![7u8; 4096]), ("beach.png", vec![42u8; 8192])];
    let mut jobs = Vec::new();
    for (name, bytes) in uploads {
        jobs.push(tokio::task::spawn_blocking(move || (name, fingerprint_sync(name, bytes))));
    }
    for j in jobs {
        let (name, fp) = j.await.expect("hash job panicked");
        println!("{name}: {fp:016x}");
    }
    api.abort();
    let n = served.load(Ordering::Relaxed);
    println!("API answered {n} requests while hashing");
    assert!(n >= 5, "API should keep serving during hashing");
}
