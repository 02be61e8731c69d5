// Game client: start downloading the level's asset manifest right away, build
// the UI in the meantime, and only then wait for the manifest.
use tokio::task::JoinHandle;
use tokio::time::{sleep, Duration, Instant};

struct Manifest {
    textures: Vec<String>,
    version: u32,
}

fn prefetch_manifest(level: u32) -> JoinHandle<Manifest> {
    tokio::spawn(async move {
        sleep(Duration::from_millis(120)).await; // CDN fetch
        Manifest { textures: (0..level * 2).map(|i| format!("tex_{level}_{i}.ktx2")).collect(), version: 9 }
    })
}

async fn build_ui() -> Vec<&'static str> {
    sleep(Duration::from_millis(100)).await; // layout + font atlas
    vec!["hud", "minimap", "inventory"]
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let manifest = prefetch_manifest(3);
    let widgets = build_ui().await;
    println!("UI ready with {} widgets", widgets.len());

    let manifest = manifest.await.expect("manifest download panicked");
    println!("manifest v{}: {} textures", manifest.version, manifest.textures.len());
    let took = started.elapsed();
    println!("level ready in {} ms", took.as_millis());
    assert!(took < Duration::from_millis(200));
}
