// Game server: the physics simulation runs next to the heartbeat that keeps
// client connections alive. Clients drop the connection after 250 ms of silence.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::time::{sleep, Duration, Instant};

#[derive(Clone, Copy)]
struct Body {
    x: f64,
    y: f64,
    vx: f64,
    vy: f64,
}

struct World {
    bodies: Vec<Body>,
    collisions: u64,
}

impl World {
    fn new(n: usize) -> Self {
        let bodies = (0..n)
            .map(|i| {
                let f = i as f64;
                Body { x: (f * 7.3) % 100.0, y: (f * 3.1) % 100.0, vx: (f % 5.0) - 2.0, vy: (f % 3.0) - 1.0 }
            })
            .collect();
        World { bodies, collisions: 0 }
    }

    async fn simulate(&mut self, steps: usize) {
        let dt = 0.01;
        for _ in 0..steps {
            for b in self.bodies.iter_mut() {
                b.x = (b.x + b.vx * dt).rem_euclid(100.0);
                b.y = (b.y + b.vy * dt).rem_euclid(100.0);
            }
            let n = self.bodies.len();
            for i in 0..n {
                for j in (i + 1)..n {
                    let dx = self.bodies[i].x - self.bodies[j].x;
                    let dy = self.bodies[i].y - self.bodies[j].y;
                    if dx * dx + dy * dy < 0.25 {
                        self.collisions += 1;
                    }
                }
            }
            tokio::task::yield_now().await;
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let worst_gap_ms = Arc::new(AtomicU64::new(0));
    let heartbeat = {
        let worst = worst_gap_ms.clone();
        tokio::spawn(async move {
            loop {
                let before = Instant::now();
                sleep(Duration::from_millis(20)).await;
                let gap = before.elapsed().as_millis() as u64;
                worst.fetch_max(gap, Ordering::Relaxed);
            }
        })
    };

    let physics = tokio::spawn(async move {
        let mut world = World::new(200);
        world.simulate(3000).await;
        world.collisions
    });
    let collisions = physics.await.expect("physics task");
    sleep(Duration::from_millis(60)).await; // let the heartbeat report in once more
    heartbeat.abort();

    let worst = worst_gap_ms.load(Ordering::Relaxed);
    println!("simulated 3000 steps, {collisions} collisions, worst heartbeat gap {worst} ms");
    assert!(worst < 250, "clients timed out: heartbeat stalled for {worst} ms");
}
