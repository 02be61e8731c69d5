// corpus: run
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

const FRAMES: usize = 5_000;

async fn grab_frames(out: UnboundedSender<Vec<u8>>) {
    for f in 0..FRAMES {
        out.send(vec![(f % 200) as u8; 1024]).unwrap();
    }
}

#[tokio::main]
async fn main() {
    let (out, mut frames) = unbounded_channel();
    tokio::spawn(grab_frames(out));
    let mut encoded = 0usize;
    while let Some(frame) = frames.recv().await {
        tokio::task::yield_now().await;
        encoded += frame.len() / 1024;
    }
    println!("encoded {encoded} frames");
}
