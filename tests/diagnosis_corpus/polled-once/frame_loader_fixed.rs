// corpus: run
// A game's frame loop: the level loads in the background while frames are
// drawn, and the loop polls the loading once per frame.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

async fn load_level(name: &str) -> Vec<String> {
    let mut tiles = Vec::new();
    for n in 0..3 {
        tokio::task::yield_now().await; // one chunk per frame
        tiles.push(format!("{name}-{n}"));
    }
    tiles
}

fn main() {
    let mut loading = pin!(load_level("moon"));
    let mut cx = Context::from_waker(Waker::noop());
    let mut frames = 0;
    let mut level = None;
    while frames < 10 {
        frames += 1; // draw a frame
        match loading.as_mut().poll(&mut cx) {
            Poll::Ready(tiles) => {
                level = Some(tiles);
                break;
            }
            Poll::Pending => continue, // still loading: poll again next frame
        }
    }
    println!("{frames} frames drawn, level loaded: {}", level.is_some());
    assert_eq!(level.map(|tiles| tiles.len()), Some(3), "the level never loaded");
}
