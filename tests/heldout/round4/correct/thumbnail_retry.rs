// Media transcoder queue: thumbnails are rendered in their own tasks; a
// task that panics is reported and its file is put on the retry list.
use std::time::Duration;
use tokio::task::JoinSet;

fn render_thumbnail(file: &str, width: u32) -> Vec<u8> {
    let aspect: u32 = file.len() as u32 % 4; // pretend header parsing
    assert!(aspect != 0, "{file}: zero aspect ratio in header");
    vec![0u8; (width * width / aspect) as usize]
}

#[tokio::main]
async fn main() {
    let files = ["beach.mov", "city.mp4", "forest.mkv", "alps.mp4"];
    let mut set = JoinSet::new();
    for file in files {
        set.spawn(async move {
            tokio::time::sleep(Duration::from_millis(10)).await;
            (file, render_thumbnail(file, 64).len())
        });
    }
    let mut rendered = Vec::new();
    let mut failures = 0;
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok((file, bytes)) => rendered.push(format!("{file} ({bytes} bytes)")),
            Err(e) if e.is_panic() => {
                failures += 1;
                eprintln!("a thumbnail task panicked; scheduling a retry");
            }
            Err(e) => eprintln!("thumbnail task cancelled: {e}"),
        }
    }
    rendered.sort();
    println!("rendered: {}", rendered.join(", "));
    println!("{failures} file(s) on the retry list");
}
