use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::time::{sleep, Duration};

type Index = Arc<Mutex<HashMap<String, (u32, u32)>>>;

async fn read_dimensions(path: &str) -> (u32, u32) {
    sleep(Duration::from_millis(20 + path.len() as u64)).await; // decode the header
    let w = 100 + (path.len() as u32 * 37) % 900;
    (w, w * 3 / 4)
}

async fn index_images(paths: Vec<String>, index: Index) {
    let mut set = tokio::task::JoinSet::new();
    for path in paths {
        let index = Arc::clone(&index);
        set.spawn(async move {
            let dims = read_dimensions(&path).await;
            index.lock().unwrap().insert(path, dims);
        });
    }
    while let Some(res) = set.join_next().await {
        res.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let paths: Vec<String> = ["beach.jpg", "mountain_sunrise.jpg", "cat.png", "receipt_2024_03.png", "logo.svg"]
        .iter()
        .map(|p| format!("photos/{p}"))
        .collect();
    let index: Index = Arc::new(Mutex::new(HashMap::new()));

    index_images(paths, Arc::clone(&index)).await;

    let index = index.lock().unwrap();
    println!("indexed {} images", index.len());
    for (path, (w, h)) in index.iter() {
        println!("  {path}: {w}x{h}");
    }
}
