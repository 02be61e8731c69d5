use tokio::sync::broadcast;
use tokio::time::{interval, Duration};

#[derive(Clone, Debug)]
struct Snapshot {
    tick: u64,
    ball: (f32, f32),
}

struct GameLoop {
    tick: u64,
    ball: (f32, f32),
    velocity: (f32, f32),
    clients: broadcast::Sender<Snapshot>,
}

impl GameLoop {
    fn tick(&mut self) {
        self.tick += 1;
        self.ball.0 += self.velocity.0;
        self.ball.1 += self.velocity.1;
        if self.ball.1 <= 0.0 || self.ball.1 >= 100.0 {
            self.velocity.1 = -self.velocity.1;
        }
        let snap = Snapshot { tick: self.tick, ball: self.ball };
        let _ = self.clients.send(snap);
        tokio::task::yield_now().await;
    }
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = broadcast::channel(64);
    let mut game = GameLoop { tick: 0, ball: (50.0, 50.0), velocity: (1.5, 20.0), clients: tx };

    let viewer = tokio::spawn(async move {
        let mut seen = 0;
        while let Ok(snap) = rx.recv().await {
            seen += 1;
            if snap.tick % 10 == 0 {
                println!("tick {:>3}: ball at ({:.1}, {:.1})", snap.tick, snap.ball.0, snap.ball.1);
            }
        }
        seen
    });

    let mut frame = interval(Duration::from_millis(5));
    for _ in 0..30 {
        frame.tick().await;
        game.tick();
    }
    drop(game);
    println!("viewer saw {} snapshots", viewer.await.unwrap());
}
