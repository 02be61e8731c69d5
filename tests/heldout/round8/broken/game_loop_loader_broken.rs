use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// Simulated asset loader: each poll "streams" one chunk; finishes after all chunks.
struct LoadTexture {
    name: &'static str,
    chunks_total: u32,
    chunks_loaded: u32,
}

#[derive(Debug)]
struct Texture {
    name: &'static str,
    bytes: usize,
}

impl Future for LoadTexture {
    type Output = Texture;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Texture> {
        if self.chunks_loaded < self.chunks_total {
            self.chunks_loaded += 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(Texture { name: self.name, bytes: self.chunks_total as usize * 4096 })
    }
}

enum Asset {
    Loading(Pin<Box<dyn Future<Output = Texture>>>),
    Loaded(Texture),
    Failed,
}

struct Game {
    frame: u32,
    player_texture: Asset,
}

impl Game {
    /// Called once per frame by the main loop.
    fn tick(&mut self, cx: &mut Context<'_>) {
        self.frame += 1;
        if let Asset::Loading(fut) = &mut self.player_texture {
            match fut.as_mut().poll(cx) {
                Poll::Ready(tex) => {
                    println!("frame {}: loaded {:?}", self.frame, tex);
                    self.player_texture = Asset::Loaded(tex);
                }
                Poll::Pending => {
                    println!("frame {}: texture load failed", self.frame);
                    self.player_texture = Asset::Failed;
                }
            }
        }
        // ... update & render using whatever is available ...
    }
}

fn main() {
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    let mut game = Game {
        frame: 0,
        player_texture: Asset::Loading(Box::pin(LoadTexture {
            name: "player.png",
            chunks_total: 4,
            chunks_loaded: 0,
        })),
    };
    for _ in 0..10 {
        game.tick(&mut cx);
    }
    let ok = matches!(game.player_texture, Asset::Loaded(ref t) if t.bytes == 4 * 4096);
    println!("after {} frames: texture ready = {ok}", game.frame);
    assert!(ok, "player texture should be loaded after 10 frames");
}
