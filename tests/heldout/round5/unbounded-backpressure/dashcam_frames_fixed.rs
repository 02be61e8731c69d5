use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct Frame {
    seq: u64,
    pixels: Vec<u8>,
}

const FRAME_BYTES: usize = 64 * 1024;

#[tokio::main]
async fn main() {
    let queue: Arc<Mutex<VecDeque<Frame>>> = Arc::new(Mutex::new(VecDeque::new()));
    let mut dropped = 0u64;

    // lane detector: slower than the camera
    let detector = {
        let queue = queue.clone();
        tokio::spawn(async move {
            let mut analysed = 0u64;
            loop {
                let next = queue.lock().unwrap().pop_front();
                match next {
                    Some(frame) => {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        analysed += 1;
                        if analysed % 25 == 0 {
                            println!("analysed {analysed} frames (latest #{}, {} bytes)", frame.seq, frame.pixels.len());
                        }
                    }
                    None => tokio::time::sleep(Duration::from_millis(1)).await,
                }
            }
        })
    };

    // camera: one frame every 2 ms for one second
    let mut shutter = tokio::time::interval(Duration::from_millis(2));
    for seq in 0..500u64 {
        shutter.tick().await;
        let frame = Frame { seq, pixels: vec![(seq % 256) as u8; FRAME_BYTES] };
        let mut q = queue.lock().unwrap();
        if q.len() >= 8 {
            // the detector only cares about recent frames
            q.pop_front();
            dropped += 1;
        }
        q.push_back(frame);
    }

    let backlog = queue.lock().unwrap().len();
    println!(
        "camera stopped: {backlog} frames waiting ({:.1} MiB buffered), {dropped} stale frames dropped",
        (backlog * FRAME_BYTES) as f64 / (1024.0 * 1024.0)
    );
    detector.abort();
}
